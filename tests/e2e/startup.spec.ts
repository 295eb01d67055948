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
