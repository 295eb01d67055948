// Thresholds kept on a stream or consumer as io.nats.monitor.* metadata (as
// `nats stream check` / `nats consumer check` read them). A value set in the
// estate file wins, then the metadata, then Lantern's default.
import { z } from "zod";
import { parseDuration } from "@/lib/probe-kit/duration";

const PREFIX = "io.nats.monitor.";

/** The io.nats.monitor.* entries of a stream's or consumer's metadata, as the server gave them. */
export const monitorMetadataSchema = z.record(z.string(), z.string()).default({});

/** Only the monitoring entries: the rest of the metadata is the owner's business and is published nowhere. */
export function monitorEntries(metadata: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata ?? {}).filter(([key]) => key.startsWith(PREFIX)));
}

export function monitorNumber(metadata: Record<string, string> | undefined, key: string): number | undefined {
  const raw = metadata?.[`${PREFIX}${key}`];
  if (raw === undefined) return undefined;
  const number = Number(raw);
  return Number.isFinite(number) ? number : undefined;
}

/** Durations are written "5m" or "30s" in metadata; a bare number is seconds. */
export function monitorSeconds(metadata: Record<string, string> | undefined, key: string): number | undefined {
  const raw = metadata?.[`${PREFIX}${key}`];
  if (raw === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const ms = parseDuration(raw);
  return ms === undefined ? undefined : ms / 1000;
}

export function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}
