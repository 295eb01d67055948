import { describe, expect, it } from "vitest";
import { interpolate } from "./interpolate";

describe("interpolate", () => {
  it("replaces references, applies fallbacks and keeps $${ literal", () => {
    const { value, used, problems } = interpolate({ a: "x-${A}-y", b: ["${B:-fallback}"], c: "$${NOT}", n: 5 }, { A: "1" });
    expect(value).toEqual({ a: "x-1-y", b: ["fallback"], c: "${NOT}", n: 5 });
    expect([...used]).toEqual([["A", "1"]]);
    expect(problems).toEqual([]);
  });

  it("names the path of every missing variable and malformed reference", () => {
    const { problems } = interpolate({ s: [{ url: "${MISSING}" }], t: "${bad name}" }, {});
    expect(problems).toEqual([
      { path: ["s", 0, "url"], message: "environment variable MISSING is not set" },
      { path: ["t"], message: '"${bad name" is not a valid reference; write ${NAME} with letters, digits and _' },
    ]);
  });
});
