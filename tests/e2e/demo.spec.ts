import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { expect, test } from "@playwright/test";
import type { EstateView } from "@/lib/api/estate-view-schema";
import { LAB_HOST, PORTS, PROXIES } from "@/lab/lab-config";
import { notOk } from "../support/expectations";
import { freePort } from "../support/ports";

function portOpen(port: number): Promise<boolean> {
  return fetch(`http://${LAB_HOST}:${port}/`, { signal: AbortSignal.timeout(500) }).then(
    () => true,
    (error: Error) => !/ECONNREFUSED/.test(String((error.cause as Error | undefined)?.message ?? error.message)),
  );
}

/** What `npm run demo` runs, in a process group of its own as a terminal or a service manager starts it. */
function startDemo(port: number) {
  // npm itself adds nothing but its own exit on a signal.
  const demo = spawn("bash", ["scripts/demo.sh"], { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: demo.stdout! }).on("line", (line) => {
      lines.push(line);
      if (line.includes(`Lantern is running at http://localhost:${port}`)) resolve();
    });
    createInterface({ input: demo.stderr! }).on("line", (line) => lines.push(line));
    demo.once("exit", (code) => reject(new Error(`demo exited with ${code}:\n${lines.join("\n")}`)));
  });
  return { demo, lines, ready };
}

function exited(demo: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (demo.exitCode !== null || demo.signalCode !== null ? resolve(demo.exitCode) : demo.once("exit", resolve)));
}

/** No process of the demo's group is left, and none of its ports answers. */
async function expectNothingLeft(demo: ChildProcess, port: number) {
  const group = spawnSync("pgrep", ["-g", String(demo.pid)], { encoding: "utf8" }).stdout.trim();
  expect(group).toBe("");
  const ports = [port, ...Object.values(PORTS), ...Object.values(PROXIES).map((p) => p.port), 7420];
  for (const p of ports) expect(await portOpen(p), `port ${p} still open`).toBe(false);
}

test("npm run demo starts the lab and Lantern, all ok, and Ctrl-C leaves nothing behind", async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  const { demo, lines, ready } = startDemo(port);
  try {
    await ready;
    await expect
      .poll(async () => notOk((await (await fetch(`http://localhost:${port}/api/estate`)).json()) as EstateView), { timeout: 30_000, intervals: [500] })
      .toEqual([]);
  } finally {
    // Ctrl-C in a terminal reaches the whole process group.
    process.kill(-demo.pid!, "SIGINT");
  }
  expect(await exited(demo)).toBe(0);
  expect(lines.join("\n")).toContain("stopped; the lab's data are back to healthy");
  await expectNothingLeft(demo, port);
});

// systemd, Docker and `timeout` send SIGTERM to the whole group, a closed terminal SIGHUP: Birb Nest's
// redis-server and Lantern die at the same moment as the demo, which must still stop, and soon.
for (const signal of ["SIGTERM", "SIGHUP"] as const) {
  test(`${signal} to the demo's process group stops everything within 10 s and leaves nothing behind`, async () => {
    test.setTimeout(180_000);
    const port = await freePort();
    const { demo, lines, ready } = startDemo(port);
    await ready;
    const sent = Date.now();
    process.kill(-demo.pid!, signal);
    const outcome = await Promise.race([exited(demo).then(() => "exited"), new Promise<string>((resolve) => setTimeout(() => resolve("still running"), 10_000))]);
    // A hung demo would otherwise keep the lab's ports for every later run.
    if (outcome === "still running") process.kill(-demo.pid!, "SIGKILL");
    const output = lines.join("\n");
    expect(outcome, `${Date.now() - sent} ms after ${signal}:\n${output}`).toBe("exited");
    expect(output).toContain("[demo] stopped");
    expect(output).not.toContain("Unhandled error event");
    await expectNothingLeft(demo, port);
  });
}
