import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { newToken, sha256Hex } from "@/lib/access/token-hash";
import { SERVER_NODE_FLAGS } from "@/lib/server-node-flags";
import { freePort, waitFor } from "./ports";

const serverScript = fileURLToPath(new URL("../../server.mjs", import.meta.url));

export interface LanternServer {
  url: string;
  /** The server's process, for what it costs (CPU, memory) from outside. */
  pid: number;
  /** The operator's bearer token (token mode), and a viewer's. */
  token: string;
  viewerToken: string;
  /** fetch against this server as the operator (token mode), or as anyone (other modes). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Signs a browser page in as `who` (the operator by default), through /api/session like a person. */
  signIn(page: Page, who?: "operator" | "viewer"): Promise<void>;
  output: () => string;
  /** kill -9: the process ends mid-whatever, as a crash would. */
  kill(): Promise<void>;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /** Environment for the server (secrets the estate reads, LANTERN_DATA_DIR or LANTERN_DATABASE_URL to share a store). */
  env?: Record<string, string>;
  /**
   * "token" (the default: the suite runs signed in, as our users do) adds an
   * access section with an operator and a viewer token unless the estate has
   * one; "as-written" leaves the estate alone.
   */
  access?: "token" | "as-written";
}

let template: string | undefined;

/**
 * A freshly created embedded store, made once per test process and copied
 * for each server: creating one takes ~4 s, copying it ~0.5 s. The specs
 * that test creation itself (store.spec) pass a LANTERN_DATA_DIR of their own.
 */
function freshDataDir(dir: string): string {
  if (!template) {
    const made = mkdtempSync(join(tmpdir(), "lantern-e2e-template-"));
    const script = `const { PGlite } = await import("@electric-sql/pglite"); const db = await PGlite.create(process.argv[1]); await db.close();`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script, join(made, "pgdata")], { encoding: "utf8", timeout: 120_000 });
    if (child.status !== 0) throw new Error(`could not create the store template: ${child.stderr}`);
    process.once("exit", () => rmSync(made, { recursive: true, force: true }));
    template = made;
  }
  const data = join(dir, "data");
  cpSync(template, data, { recursive: true });
  return data;
}

/** Runs the production build (`npm start`: server.mjs) on an estate written by the test, with a store of its own. */
export async function startLanternServer(estateYaml: string, options: ServerOptions | Record<string, string> = {}): Promise<LanternServer> {
  const { env = {}, access = "token" } = ("env" in options || "access" in options ? options : { env: options }) as ServerOptions;
  const dir = mkdtempSync(join(tmpdir(), "lantern-e2e-"));
  const token = newToken();
  const viewerToken = newToken();
  const withAccess =
    access === "token" && !/^access:/m.test(estateYaml)
      ? `${estateYaml}\naccess:\n  mode: token\n  tokens:\n    - { name: e2e-operator, role: operator, sha256: "${sha256Hex(token)}" }\n    - { name: e2e-viewer, role: viewer, sha256: "${sha256Hex(viewerToken)}" }\n`
      : estateYaml;
  const estateFile = join(dir, "estate.yaml");
  writeFileSync(estateFile, withAccess);
  const port = await freePort();
  let output = "";
  const storeEnv = env.LANTERN_DATABASE_URL || env.LANTERN_DATA_DIR ? {} : { LANTERN_DATA_DIR: freshDataDir(dir) };
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverScript, "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...storeEnv, ...env, LANTERN_ESTATE: estateFile, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const authorization: Record<string, string> = withAccess !== estateYaml || /mode: token/.test(estateYaml) ? { authorization: `Bearer ${token}` } : {};

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
      { timeoutMs: 60_000, what: "lantern to answer /api/health" },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    pid: child.pid!,
    token,
    viewerToken,
    fetch: (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { ...authorization, ...(init.headers as Record<string, string> | undefined) } }),
    async signIn(page, who = "operator") {
      if (!authorization.authorization) return;
      const answer = await page.request.post(`${url}/api/session`, { data: { token: who === "operator" ? token : viewerToken }, headers: { origin: url } });
      if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()} ${await answer.text()}`);
    },
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      });
    },
    stop,
  };
}

/** Starts the production server on an estate expected to be refused, and returns how it ended. */
export async function refusedStart(estateYaml: string, env: Record<string, string> = {}, host = "127.0.0.1"): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "lantern-e2e-"));
  const estateFile = join(dir, "estate.yaml");
  writeFileSync(estateFile, estateYaml);
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverScript, "-p", String(port), "-H", host], {
    env: { ...process.env, LANTERN_DATA_DIR: join(dir, "data"), ...env, LANTERN_ESTATE: estateFile, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  return { code, output: `${output}\n(estate file: ${estateFile})`.replaceAll(estateFile, "<estate>") };
}
