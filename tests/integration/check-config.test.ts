import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "lantern-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checkConfig(yaml: string, env: Record<string, string> = {}) {
  const file = join(dir, `estate-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  const { status, stdout, stderr } = spawnSync(process.execPath, ["bin/lantern.mjs", "check-config", file], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status, stdout, stderr, file };
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
});
