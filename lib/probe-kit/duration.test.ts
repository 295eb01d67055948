import { describe, expect, it } from "vitest";
import { durationSchema, formatDuration, intervalSchema, parseDuration } from "./duration";

describe("durations", () => {
  it.each([
    ["500ms", 500],
    ["15s", 15_000],
    ["1.5s", 1_500],
    ["2m", 120_000],
    ["1h", 3_600_000],
  ])("%s is %d ms", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(["15", "s", "1w", "-1s", "1 s"])("%s is refused", (text) => expect(durationSchema.safeParse(text).success).toBe(false));

  it("refuses zero and formats back", () => {
    expect(durationSchema.safeParse("0s").success).toBe(false);
    expect(formatDuration(15_000)).toBe("15s");
    expect(formatDuration(90_000)).toBe("1.5m");
  });

  it("bounds schedules: 24h at most (Node fires longer timers at once), intervals of 100ms at least", () => {
    expect(durationSchema.safeParse("24h").success).toBe(true);
    for (const text of ["25h", "600h", "1441m", "2d"]) {
      const parsed = durationSchema.safeParse(text);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("must be at most 24h");
    }
    expect(intervalSchema.safeParse("100ms").success).toBe(true);
    expect(intervalSchema.safeParse("1ms").error?.issues[0]?.message).toBe("must be at least 100ms");
  });
});
