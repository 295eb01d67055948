import { describe, expect, it } from "vitest";
import { RateLimit } from "./rate-limit";

describe("RateLimit", () => {
  it("allows `limit` attempts per window per key and says when the next one is allowed", () => {
    let now = 0;
    const limit = new RateLimit(2, 60_000, () => now);
    expect(limit.take("a")).toEqual({ allowed: true });
    now = 10_000;
    expect(limit.take("a")).toEqual({ allowed: true });
    expect(limit.take("a")).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limit.take("b")).toEqual({ allowed: true });
    now = 60_000;
    expect(limit.take("a")).toEqual({ allowed: true });
  });

  it("a refused attempt takes nothing, and checking takes nothing", () => {
    const limit = new RateLimit(1, 1_000, () => 0);
    expect(limit.check("a")).toEqual({ allowed: true });
    expect(limit.take("a").allowed).toBe(true);
    expect(limit.take("a").allowed).toBe(false);
    expect(limit.check("a").allowed).toBe(false);
  });

  it("keeps a bounded table of keys however many callers come", () => {
    const limit = new RateLimit(1, 60_000, () => 0, 100);
    for (let i = 0; i < 10_000; i += 1) limit.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limit.size).toBe(100);
  });
});
