import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitFor } from "./ports";

const serverScript = fileURLToPath(new URL("../../server.mjs", import.meta.url));

export interface LanternServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs the production build (`npm start`: server.mjs) on an estate written by the test. */
export async function startLanternServer(estateYaml: string, env: Record<string, string> = {}): Promise<LanternServer> {
  const dir = mkdtempSync(join(tmpdir(), "lantern-e2e-"));
  const estateFile = join(dir, "estate.yaml");
  writeFileSync(estateFile, estateYaml);
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [serverScript, "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env, LANTERN_ESTATE: estateFile, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        // A clean stop takes well under a second; a hung one fails the test that measures it, not the suite.
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`lantern exited with ${child.exitCode}:\n${output}`);
        return (await fetch(`${url}/api/health`)).ok;
      },
      { timeoutMs: 30_000, what: "lantern to answer /api/health" },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output: () => output, stop };
}

/** Starts the production server on an estate expected to be refused, and returns how it ended. */
export async function refusedStart(estateYaml: string): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "lantern-e2e-"));
  const estateFile = join(dir, "estate.yaml");
  writeFileSync(estateFile, estateYaml);
  const port = await freePort();
  const child = spawn(process.execPath, [serverScript, "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, LANTERN_ESTATE: estateFile, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  return { code, output: `${output}\n(estate file: ${estateFile})`.replaceAll(estateFile, "<estate>") };
}
