import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEstate } from "@/lib/config/load-estate";
import { FINDINGS } from "@/probes/catalog";
import { SCENARIOS } from "./catalog";

const estate = parseEstate(readFileSync(new URL("../estate.yaml", import.meta.url), "utf8"), "lab/estate.yaml", {});
const findingIds = new Set(FINDINGS.map((f) => f.id));

describe("the lab's scenarios name what exists", () => {
  it("every finding a scenario expects is in the catalog, on a dependency of the lab's estate", () => {
    const wrong = SCENARIOS.flatMap((scenario) =>
      scenario.expect.flatMap((e) => {
        if ("finding" in e) return [...(findingIds.has(e.finding) ? [] : [`${scenario.id}: no finding ${e.finding}`]), ...(estate.dependencies.has(e.on) ? [] : [`${scenario.id}: no dependency ${e.on}`])];
        if ("dependency" in e) return estate.dependencies.has(e.dependency) ? [] : [`${scenario.id}: no dependency ${e.dependency}`];
        return estate.services.some((s) => s.id === e.service) ? [] : [`${scenario.id}: no service ${e.service}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it("scenario ids are unique", () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });
});
