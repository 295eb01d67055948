import { expect, test } from "@playwright/test";
import { refusedStart } from "../support/lantern-server";

test("the server refuses to start on a bad estate file, naming file, path and problem", async () => {
  const { code, output } = await refusedStart(`services:
  - id: a
    dependencies:
      - { id: db, kind: postgres, url: "postgres://u:\${LANTERN_E2E_UNSET}@h/db", probes: [{ probe: postgres.nope }] }
`);
  expect(code).toBe(1);
  expect(output).toContain("<estate>: services.0.dependencies.0.url: environment variable LANTERN_E2E_UNSET is not set (line 4)");
  expect(output).toContain('<estate>: services.0.dependencies.0.probes.0.probe: unknown probe "postgres.nope"');
  expect(output).not.toMatch(/\n\s+at \S+ \(/);
});

test("the server refuses to start on a YAML alias bomb instead of answering 500 to everything", async () => {
  const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (const [name, previous] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"], ["g", "f"], ["h", "g"]]) {
    laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  const { code, output } = await refusedStart(`${laughs.join("\n")}\nservices: *h\n`);
  expect(code).toBe(1);
  expect(output).toContain("<estate>: (file): Excessive alias count indicates a resource exhaustion attack");
  expect(output).toContain("[lantern] not starting");
  expect(output).not.toMatch(/\n\s+at \S+ \(/);
});
