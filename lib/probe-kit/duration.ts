import { z } from "zod";

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** "15s" → 15000. Returns undefined for anything that is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  return Math.round(Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]);
}

/** 15000 → "15s", 90000 → "1.5m": the inverse of parseDuration for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(2)}s`;
  if (ms < 3_600_000) return `${+(ms / 60_000).toFixed(2)}m`;
  return `${+(ms / 3_600_000).toFixed(2)}h`;
}

/** Timers past 2^31-1 ms fire at once in Node; a schedule has no business near that anyway. */
export const MAX_SCHEDULE_MS = 24 * 3_600_000;
/** Probing faster than this is load on the dependency, not watching it. */
export const MIN_INTERVAL_MS = 100;

/** A duration written as in the estate file ("500ms", "15s", "2m", "1h"), parsed to milliseconds, at most 24h. */
export const durationSchema = z
  .string()
  .regex(PATTERN, { error: 'a duration such as "500ms", "15s", "2m" or "1h"' })
  .transform((text) => parseDuration(text)!)
  .refine((ms) => ms > 0, { error: "must be longer than zero" })
  .refine((ms) => ms <= MAX_SCHEDULE_MS, { error: "must be at most 24h" });

/** How long Lantern's store keeps history and the timeline: an hour to a year. */
export const retentionSchema = z
  .string()
  .regex(PATTERN, { error: 'a duration such as "7d" or "48h"' })
  .transform((text) => parseDuration(text)!)
  .refine((ms) => ms >= 3_600_000 && ms <= 366 * 86_400_000, { error: "must be between 1h and 366d" });

/** How often a probe runs: between 100ms and 24h. */
export const intervalSchema = durationSchema.refine((ms) => ms >= MIN_INTERVAL_MS, { error: `must be at least ${MIN_INTERVAL_MS}ms` });
