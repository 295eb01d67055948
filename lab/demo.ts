// The demo: the lab's systems in this process, Lantern's production server as a child watching them.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { SERVER_NODE_FLAGS } from "@/lib/server-node-flags";
import { controlApi } from "./control-api";
import { Lab } from "./lab";
import { LAB_HOST, PORTS } from "./lab-config";
import { bounded, terminate } from "./stopping";

const port = Number(process.env.PORT ?? 3000);
const url = `http://localhost:${port}`;
const serverScript = fileURLToPath(new URL("../server.mjs", import.meta.url));

function log(line: string) {
  console.log(`[demo] ${line}`);
}

log("starting the lab: PostgreSQL database lantern_lab, Redis database 10, streams user_sync, BIRB_CACHE, BIRB_CACHE_DLQ, TICKETS");
const lab = await Lab.start();
const control = controlApi(lab);
await control.start();

const lantern = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverScript, "-p", String(port)], {
  env: { ...process.env, LANTERN_ESTATE: "lab/estate.yaml", LANTERN_LAB_URL: `http://${LAB_HOST}:${PORTS.control}` },
  stdio: ["ignore", "pipe", "pipe"],
});
createInterface({ input: lantern.stdout }).on("line", (line) => console.log(`[lantern] ${line}`));
createInterface({ input: lantern.stderr }).on("line", (line) => console.error(`[lantern] ${line}`));

let stopping: Promise<void> | undefined;
/** One stop however many signals ask for it: a second one waits for the first instead of cutting it short. */
function stop(): Promise<void> {
  stopping ??= stopEverything();
  return stopping;
}

async function stopEverything() {
  log("stopping Lantern and the lab");
  await terminate(lantern);
  await bounded("stopping the lab's control API", control.stop());
  const notReset = await lab.stop();
  log(notReset ? `stopped; the lab's data could not be reset (${notReset.message}); the next start resets them` : "stopped; the lab's data are back to healthy");
}

// Ctrl-C; systemd, Docker and `timeout`. A signal can come twice (npm passes SIGINT and SIGTERM on
// to the demo besides the group's own; `timeout` signals the child and its group): each waits for the one stop.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop().then(() => process.exit(0)));
// A closed terminal: its shell and then the kernel send SIGHUP; every later write to it fails (EIO, as an
// "error" event), and so does Node's own exit, which resets the terminal (an abort). The stop goes on
// unheard and ends by the signal itself.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
process.on("SIGHUP", function hangUp() {
  void stop().then(() => {
    process.off("SIGHUP", hangUp);
    process.kill(process.pid, "SIGHUP");
  });
});
// Ctrl-C reaches the whole group, so Lantern may be gone (130 after SIGINT, 143 after SIGTERM) before the
// demo's own handler has run: that is the stop asked for, not a crash.
const STOPPED_BY_SIGNAL = new Set([130, 143]);
lantern.once("exit", (code, signal) => {
  if (stopping) return;
  if (signal || STOPPED_BY_SIGNAL.has(code ?? 0)) return void stop().then(() => process.exit(0));
  log(`Lantern exited with code ${code}`);
  void stop().then(() => process.exit(1));
});

for (let attempt = 0; attempt < 100; attempt += 1) {
  try {
    if ((await fetch(`${url}/api/health`)).ok) break;
  } catch {
    // not yet
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
log(`Lantern is running at ${url} — the Lab page is ${url}/lab; Ctrl-C stops everything`);
