import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { estateJsonSchema } from "./estate-schema";

describe("public/estate.schema.json", () => {
  it("is what the zod schema generates today (run `npm run generate` after changing a probe or the schema)", () => {
    const published = JSON.parse(readFileSync(new URL("../../public/estate.schema.json", import.meta.url), "utf8"));
    expect(published).toEqual(JSON.parse(JSON.stringify(estateJsonSchema())));
  });

  it("offers each probe's parameters for completion", () => {
    const text = JSON.stringify(estateJsonSchema());
    for (const id of ["postgres.reachable", "redis.reachable", "nats.reachable", "http.health"]) expect(text).toContain(`"const":"${id}"`);
    expect(text).toContain('"expectStatus"');
  });
});
