import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ProbeStatus } from "@/lib/probe-kit/status";

/** The numbers behind lantern_probe_status, documented in its HELP text and the README. */
export const STATUS_VALUE: Record<ProbeStatus, number> = { ok: 0, warn: 1, crit: 2, down: 3, error: 4, stale: 5, unknown: 6 };

export interface LanternMetrics {
  registry: Registry;
  probeStatus: Gauge<"service" | "dependency" | "probe">;
  probeDuration: Histogram<"dependency" | "probe">;
  probeRuns: Counter<"dependency" | "probe" | "outcome" | "trigger">;
  sseClients: Gauge;
  sseDropped: Counter;
  storeBuffered: Gauge;
  storeDropped: Counter;
}

/** Labels are estate ids, never URLs: nothing secret can become a label. */
export function createLanternMetrics(options: { processMetrics: boolean }): LanternMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const statusHelp = Object.entries(STATUS_VALUE)
    .map(([word, value]) => `${value}=${word}`)
    .join(", ");
  return {
    registry,
    probeStatus: new Gauge({
      name: "lantern_probe_status",
      help: `Latest status of each probe instance (${statusHelp})`,
      labelNames: ["service", "dependency", "probe"],
      registers: [registry],
    }),
    probeDuration: new Histogram({
      name: "lantern_probe_duration_seconds",
      help: "Duration of probe runs, connection included",
      labelNames: ["dependency", "probe"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    probeRuns: new Counter({
      name: "lantern_probe_runs_total",
      help: "Probe runs by outcome (the result's status) and trigger (schedule or manual)",
      labelNames: ["dependency", "probe", "outcome", "trigger"],
      registers: [registry],
    }),
    sseClients: new Gauge({ name: "lantern_sse_clients", help: "Open live-update streams", registers: [registry] }),
    sseDropped: new Counter({ name: "lantern_sse_dropped_total", help: "Live-update streams dropped because their reader fell behind", registers: [registry] }),
    storeBuffered: new Gauge({ name: "lantern_store_buffered_writes", help: "Writes waiting for Lantern's store (they pile up while it is unreachable)", registers: [registry] }),
    storeDropped: new Counter({ name: "lantern_store_dropped_writes_total", help: "Writes to Lantern's store given up: the buffer was full, or the store refused them", registers: [registry] }),
  };
}
