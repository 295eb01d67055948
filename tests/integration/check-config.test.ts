import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "lantern-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checkFile(file: string, env: Record<string, string> = {}) {
  const started = performance.now();
  const { status, stdout, stderr } = spawnSync(process.execPath, ["bin/lantern.mjs", "check-config", file], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    // A hang is the defect some of these guard against: never wait for one.
    timeout: 20_000,
  });
  return { status, stdout, stderr, file, ms: performance.now() - started };
}

function checkConfig(yaml: string, env: Record<string, string> = {}) {
  const file = join(dir, `estate-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return checkFile(file, env);
}

describe("npx lantern check-config", () => {
  it("prints every problem as <file>: <path>: <message> and exits 1", () => {
    const { status, stderr, file } = checkConfig(`services:
  - id: a
    dependencies:
      - { id: db, kind: postgres, url: "postgres://u:\${NOPE}@h/db", probes: [{ probe: postgres.nope }] }
`);
    expect(status).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${file}: services.0.dependencies.0.url: environment variable NOPE is not set (line 4)`);
    expect(lines[1]!.startsWith(`${file}: services.0.dependencies.0.probes.0.probe: unknown probe "postgres.nope"; for postgres: postgres.reachable, `)).toBe(true);
    expect(lines[1]).toMatch(/ \(line 4\)$/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("says ok and exits 0 for a good file", () => {
    const { status, stdout } = checkConfig(`services:\n  - id: a\n    dependencies:\n      - { id: db, kind: postgres, url: "postgres://u:\${PW}@h/db" }\n`, { PW: "x" });
    expect(status).toBe(0);
    expect(stdout).toContain("ok");
    expect(stdout).toContain("1 service, 1 dependency, 1 probe");
  });

  it("a YAML alias bomb is refused with one clear line and exit 1, no stack trace", () => {
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [name, previous] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"], ["g", "f"], ["h", "g"]]) {
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const { status, stderr, file } = checkConfig(`${laughs.join("\n")}\nservices: *h\n`);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(`${file}: (file): Excessive alias count indicates a resource exhaustion attack (YAML aliases are limited to 200 expansions)`);
  });

  it("a named pipe is refused at once instead of blocking the read forever", () => {
    const fifo = join(dir, "estate.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const { status, stderr } = checkFile(fifo);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(`${fifo}: (file): not a regular file; give the path of a YAML file`);
  });

  it("a file over 4 MiB is refused before it is parsed", () => {
    const { status, stderr, file } = checkConfig(`# ${"x".repeat(5 * 1024 * 1024)}\nservices: []\n`);
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(new RegExp(`^${file}: \\(file\\): \\d+ bytes; an estate file may be at most 4194304 bytes$`));
  });
});


describe("npx lantern catalog", () => {
  it("prints every probe with its parameters and findings, and --json for scripts", () => {
    const json = spawnSync(process.execPath, ["bin/lantern.mjs", "catalog", "--json"], { encoding: "utf8" });
    expect(json.status).toBe(0);
    const probes = JSON.parse(json.stdout) as { id: string; parameters: { name: string; default?: unknown }[]; findings: { id: string; severities: string[] }[] }[];
    expect(probes.length).toBeGreaterThanOrEqual(39);
    const connections = probes.find((p) => p.id === "postgres.connections")!;
    expect(connections.parameters).toContainEqual(expect.objectContaining({ name: "warn", default: 0.8 }));
    expect(connections.findings).toEqual([{ id: "postgres.pool-exhaustion", title: "Connections close to exhaustion", severities: ["warn", "crit"] }]);

    const text = spawnSync(process.execPath, ["bin/lantern.mjs", "catalog"], { encoding: "utf8" });
    expect(text.status).toBe(0);
    for (const probe of probes) expect(text.stdout).toContain(`${probe.id} — `);
    expect(text.stdout).toContain("    warn: number = 0.8 — Share of usable connections in use that warns");
  });
});
