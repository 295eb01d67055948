import "server-only";
import type { Env } from "@/lib/config/interpolate";
import { ClientRegistry } from "@/lib/clients/client-registry";
import type { Estate } from "@/lib/config/estate";
import { estateFilePath, loadEstate } from "@/lib/config/load-estate";
import { RateLimit } from "@/lib/api/rate-limit";
import { logWarn, redactLogsWith } from "@/lib/secrets/log";
import { JwksCache } from "@/lib/tools/jwks-cache";
import { createLanternMetrics, type LanternMetrics } from "@/lib/metrics/lantern-metrics";
import { EventBus } from "./event-bus";
import { LiveStreams } from "./live-streams";
import { ActiveFindings } from "./active-findings";
import { DEFAULT_MANUAL_RUN_LIMITS, ManualRuns, type ManualRunLimits } from "./manual-runs";
import { ProbeRunner } from "./probe-runner";
import { LatestResults } from "./latest-results";
import { Scheduler } from "./scheduler";

/** Everything one Lantern process holds while it watches an estate. */
export interface Lantern {
  estate: Estate;
  /** The latest result of every probe instance, and a short window of earlier ones. */
  results: LatestResults;
  findings: ActiveFindings;
  bus: EventBus;
  /** The open Server-Sent Event streams. */
  live: LiveStreams;
  clients: ClientRegistry;
  runner: ProbeRunner;
  scheduler: Scheduler;
  manualRuns: ManualRuns;
  metrics: LanternMetrics;
  /** Public keys of the services that validate JWTs against a JWKS, for the token inspector. */
  jwks: JwksCache;
  /** Token inspections per client and minute. */
  tokenInspections: RateLimit;
  startedAt: number;
  stop(): Promise<void>;
}

const TOKEN_INSPECTIONS_PER_MINUTE = 30;

export function createLantern(estate: Estate, options: { processMetrics?: boolean; manualRunLimits?: ManualRunLimits } = {}): Lantern {
  const results = new LatestResults();
  const findings = new ActiveFindings();
  const bus = new EventBus();
  // Connection trouble is what probes report; the log keeps one redacted line per change, not one per retry.
  const lastLogged = new Map<string, string>();
  const clients = new ClientRegistry((dependency, error) => {
    if (lastLogged.get(dependency.id) === error.message) return;
    lastLogged.set(dependency.id, error.message);
    logWarn(`${dependency.id}: ${estate.redactor.redact(error.message)}`);
  });
  const metrics = createLanternMetrics({ processMetrics: options.processMetrics ?? false });
  const runner = new ProbeRunner(estate, clients, results, findings, bus, metrics);
  const scheduler = new Scheduler(estate, runner);
  const manualRuns = new ManualRuns(runner, options.manualRunLimits ?? DEFAULT_MANUAL_RUN_LIMITS);
  return {
    estate,
    results,
    findings,
    bus,
    live: new LiveStreams(bus, metrics),
    clients,
    runner,
    scheduler,
    manualRuns,
    metrics,
    jwks: new JwksCache(),
    tokenInspections: new RateLimit(TOKEN_INSPECTIONS_PER_MINUTE, 60_000),
    startedAt: Date.now(),
    async stop() {
      scheduler.stop();
      bus.publish({ type: "shutdown" });
      await runner.settle();
      await clients.closeAll();
    },
  };
}

const SHUTDOWN_GRACE_MS = 2_000;

// Route handlers and instrumentation.ts are bundled apart and do not share
// module state, even in production: the process-wide Lantern lives on globalThis.
const holder = globalThis as typeof globalThis & { __lantern?: Lantern };

/** Loads the estate and starts the schedule, once per process. Throws ConfigError on a bad estate file. */
export function startLantern(env: Env = process.env): Lantern {
  if (holder.__lantern) return holder.__lantern;
  const estate = loadEstate(estateFilePath(env), env);
  redactLogsWith(estate.redactor);
  const lantern = createLantern(estate, { processMetrics: true });
  lantern.scheduler.start();
  holder.__lantern = lantern;
  // Next's own handler waits for every open connection: live streams end here, and a
  // browser's kept-alive socket gets a short grace before the process goes anyway.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void lantern.stop();
      setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), SHUTDOWN_GRACE_MS).unref();
    });
  }
  return lantern;
}

/** The running Lantern; started here if instrumentation did not (as under `next dev` after a reload). */
export function getLantern(): Lantern {
  return holder.__lantern ?? startLantern();
}
