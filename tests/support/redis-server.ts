import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort, waitFor } from "./ports";

/** A throwaway redis-server of the test's own, on a spare port, that the test can kill and restart. */
export async function startRedisServer(): Promise<{ port: number; stop: () => Promise<void>; start: () => Promise<void>; clientNames: () => Promise<string[]> }> {
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitFor(
      async () => {
        const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
        probe.on("error", () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === "PONG";
        } finally {
          probe.disconnect();
        }
      },
      { what: `redis-server on ${port}` },
    );
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };

  /** Names of the connected clients, as CLIENT LIST reports them (the test's own connection excluded). */
  const clientNames = async () => {
    const admin = new Redis({ port, connectionName: "test-admin", retryStrategy: () => null });
    try {
      const list = (await admin.client("LIST")) as string;
      return list
        .trim()
        .split("\n")
        .map((line) => /name=(\S*)/.exec(line)?.[1] ?? "")
        .filter((name) => name !== "test-admin");
    } finally {
      admin.disconnect();
    }
  };

  await start();
  return { port, stop, start, clientNames };
}
