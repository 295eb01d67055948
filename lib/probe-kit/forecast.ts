import { formatAge } from "./format";

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  value: number;
}

/** Consecutive readings the rate is taken over: recent enough to follow a change within seconds. */
const RECENT_STEPS = 5;

/**
 * Change per second: the median of the rates between the last consecutive
 * readings. A median shrugs off one step (55,000 jobs dumped at once) that a
 * least-squares line would spread over the whole window as "growing 2,700/s".
 */
export function ratePerSecond(points: readonly Point[]): number | undefined {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const rates: number[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    const dt = sorted[i]!.t - sorted[i - 1]!.t;
    if (dt > 0) rates.push(((sorted[i]!.value - sorted[i - 1]!.value) / dt) * 1000);
  }
  if (rates.length === 0) return undefined;
  rates.splice(0, Math.max(0, rates.length - RECENT_STEPS));
  rates.sort((a, b) => a - b);
  const middle = Math.floor(rates.length / 2);
  return rates.length % 2 ? rates[middle] : (rates[middle - 1]! + rates[middle]!) / 2;
}

export interface Forecast {
  trend: "growing" | "draining" | "steady" | "unknown";
  /** Seconds until the critical mark (growing) or until empty (draining). */
  seconds?: number;
  words: string;
}

function rate(perSecond: number): string {
  const abs = Math.abs(perSecond);
  if (abs >= 10) return `${Math.round(abs).toLocaleString("en-US")}/s`;
  if (abs >= 1) return `${abs.toFixed(1)}/s`;
  return `${Math.round(abs * 60).toLocaleString("en-US")}/min`;
}

/** "growing 240/s, critical in ~3 min", "draining 50/s, empty in ~40 s", "steady". */
export function forecast(depth: number, perSecond: number | undefined, critAt: number | undefined): Forecast {
  if (perSecond === undefined) return { trend: "unknown", words: "trend not known yet" };
  // Below one item a minute either way is noise for a queue.
  if (Math.abs(perSecond) < 1 / 60) return { trend: "steady", words: "steady" };
  if (perSecond > 0) {
    if (critAt === undefined) return { trend: "growing", words: `growing ${rate(perSecond)}` };
    if (depth >= critAt) return { trend: "growing", seconds: 0, words: `growing ${rate(perSecond)}, past critical` };
    const seconds = (critAt - depth) / perSecond;
    return { trend: "growing", seconds, words: `growing ${rate(perSecond)}, critical in ~${formatAge(seconds * 1000)}` };
  }
  const seconds = depth / -perSecond;
  return { trend: "draining", seconds, words: `draining ${rate(perSecond)}, empty in ~${formatAge(seconds * 1000)}` };
}
