import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ProbeStatus } from "@/lib/probe-kit/status";

/** The numbers behind lantern_probe_status, documented in its HELP text and the README. */
export const STATUS_VALUE: Record<ProbeStatus, number> = { ok: 0, warn: 1, crit: 2, down: 3, error: 4, stale: 5, unknown: 6 };

export interface LanternMetrics {
  registry: Registry;
  probeStatus: Gauge<"dependency" | "probe">;
  probeLastDuration: Gauge<"dependency" | "probe">;
  probeDuration: Histogram<"kind">;
  probeRuns: Counter<"kind" | "outcome" | "trigger">;
  probeRechecks: Counter<"kind" | "outcome">;
  probeStartDelay: Histogram;
  probesWaiting: Gauge;
  loopLag: Gauge;
  sseClients: Gauge;
  sseDropped: Counter;
  storeBuffered: Gauge;
  storeDropped: Counter;
}

/**
 * Labels are estate ids, never URLs: nothing secret can become a label. One
 * series per probe only where a probe's own value matters (status, last
 * duration); distributions and counts are per dependency kind, so a scrape of
 * 5,000 probes stays under a megabyte.
 */
export function createLanternMetrics(options: { processMetrics: boolean; engine?: { loopLagMs(): number; waiting(): number } }): LanternMetrics {
  const engine = options.engine;
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
      // The service is the dependency id's first part ("shop.db"): a label of its own would only repeat it, 5,000 times.
      labelNames: ["dependency", "probe"],
      registers: [registry],
    }),
    probeLastDuration: new Gauge({
      name: "lantern_probe_last_duration_seconds",
      help: "Duration of each probe instance's latest run, connection included",
      labelNames: ["dependency", "probe"],
      registers: [registry],
    }),
    probeDuration: new Histogram({
      name: "lantern_probe_duration_seconds",
      help: "Duration of probe runs by dependency kind, connection included",
      labelNames: ["kind"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    probeRuns: new Counter({
      name: "lantern_probe_runs_total",
      help: "Probe runs by dependency kind, outcome (the result's status) and trigger (schedule, manual or verify)",
      labelNames: ["kind", "outcome", "trigger"],
      registers: [registry],
    }),
    probeRechecks: new Counter({
      name: "lantern_probe_rechecks_total",
      help: "Deadlines that passed while Lantern's own event loop was stalled, re-checked before any verdict, by the second attempt's outcome",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
    probeStartDelay: new Histogram({
      name: "lantern_probe_start_delay_seconds",
      help: "How long after its due time a scheduled run started (timer lateness and waiting for a free slot)",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    probesWaiting: new Gauge({
      name: "lantern_probes_waiting",
      help: "Probe runs due but waiting for a free slot",
      registers: [registry],
      collect() {
        if (engine) this.set(engine.waiting());
      },
    }),
    loopLag: new Gauge({
      name: "lantern_event_loop_lag_seconds",
      help: "Worst lateness of Lantern's own event loop over the last 10 s",
      registers: [registry],
      collect() {
        if (engine) this.set(engine.loopLagMs() / 1000);
      },
    }),
    sseClients: new Gauge({ name: "lantern_sse_clients", help: "Open live-update streams", registers: [registry] }),
    sseDropped: new Counter({ name: "lantern_sse_dropped_total", help: "Live-update streams dropped because their reader fell behind", registers: [registry] }),
    storeBuffered: new Gauge({ name: "lantern_store_buffered_writes", help: "Writes waiting for Lantern's store (they pile up while it is unreachable)", registers: [registry] }),
    storeDropped: new Counter({ name: "lantern_store_dropped_writes_total", help: "Writes to Lantern's store given up: the buffer was full, or the store refused them", registers: [registry] }),
  };
}
