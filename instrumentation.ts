export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startOrExit } = await import("./lib/engine/start-or-exit");
    await startOrExit();
  }
}
