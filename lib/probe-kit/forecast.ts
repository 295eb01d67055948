import { formatAge } from "./format";

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  value: number;
}

/** Change per second by least squares over the points; undefined with fewer than two. */
export function ratePerSecond(points: readonly Point[]): number | undefined {
  if (points.length < 2) return undefined;
  const n = points.length;
  const meanT = points.reduce((sum, p) => sum + p.t, 0) / n;
  const meanV = points.reduce((sum, p) => sum + p.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.t - meanT) * (p.value - meanV);
    variance += (p.t - meanT) ** 2;
  }
  return variance === 0 ? undefined : (covariance / variance) * 1000;
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
