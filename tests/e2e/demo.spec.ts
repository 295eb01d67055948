import { spawn, spawnSync } from "node:child_process";
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

test("npm run demo starts the lab and Lantern, all ok, and Ctrl-C leaves nothing behind", async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  // What `npm run demo` runs; npm itself adds nothing but its own exit on Ctrl-C.
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
  try {
    await ready;
    await expect
      .poll(async () => notOk((await (await fetch(`http://localhost:${port}/api/estate`)).json()) as EstateView), { timeout: 30_000, intervals: [500] })
      .toEqual([]);
  } finally {
    // Ctrl-C in a terminal reaches the whole process group.
    process.kill(-demo.pid!, "SIGINT");
  }
  const code = await new Promise<number | null>((resolve) => (demo.exitCode !== null ? resolve(demo.exitCode) : demo.once("exit", resolve)));
  expect(code).toBe(0);
  expect(lines.join("\n")).toContain("stopped; the lab's data are back to healthy");

  // No process of the demo's group is left, and none of its ports answers.
  const group = spawnSync("pgrep", ["-g", String(demo.pid)], { encoding: "utf8" }).stdout.trim();
  expect(group).toBe("");
  const ports = [port, ...Object.values(PORTS), ...Object.values(PROXIES).map((p) => p.port), 7420];
  for (const p of ports) expect(await portOpen(p), `port ${p} still open`).toBe(false);
});
