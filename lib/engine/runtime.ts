import "server-only";
import { Access } from "@/lib/access/access";
import { RateLimit } from "@/lib/api/rate-limit";
import { ClientRegistry } from "@/lib/clients/client-registry";
import type { Estate } from "@/lib/config/estate";
import type { Env } from "@/lib/config/interpolate";
import { estateFilePath, loadEstate } from "@/lib/config/load-estate";
import { createLanternMetrics, type LanternMetrics } from "@/lib/metrics/lantern-metrics";
import { logWarn, redactLogsWith } from "@/lib/secrets/log";
import { openStore } from "@/lib/store/open-store";
import type { Store } from "@/lib/store/store";
import { WriteQueue } from "@/lib/store/write-queue";
import { TimelineRecorder } from "@/lib/timeline/recorder";
import { FixRunner } from "@/lib/fixes/fix-runner";
import { JwksCache } from "@/lib/tools/jwks-cache";
import { Replication } from "@/lib/replicas/replication";
import { ActiveFindings } from "./active-findings";
import { EventBus } from "./event-bus";
import { HistoryRecorder } from "./history-recorder";
import { LatestResults } from "./latest-results";
import { LoopLag } from "./loop-lag";
import { RunGate } from "./run-gate";
import { LiveStreams } from "./live-streams";
import { LiveViews } from "./live-views";
import { DEFAULT_MANUAL_RUN_LIMITS, ManualRuns, type ManualRunLimits } from "./manual-runs";
import { ProbeRunner } from "./probe-runner";
import { restoreFromStore } from "./restore";
import { Retention } from "./retention";
import { running } from "./running-lantern";
import { Scheduler } from "./scheduler";

/** What Lantern keeps in its own store, and the jobs that write it. */
export interface Records {
  store: Store;
  writes: WriteQueue;
  timeline: TimelineRecorder;
  history: HistoryRecorder;
  retention: Retention;
}

/** Everything one Lantern process holds while it watches an estate. */
export interface Lantern {
  estate: Estate;
  /** The latest result of every probe instance, and a short window of earlier ones. */
  results: LatestResults;
  findings: ActiveFindings;
  bus: EventBus;
  /** The open Server-Sent Event streams. */
  live: LiveStreams;
  /** The pictures the pages draw, kept current at the cost of each change. */
  views: LiveViews;
  clients: ClientRegistry;
  runner: ProbeRunner;
  scheduler: Scheduler;
  manualRuns: ManualRuns;
  metrics: LanternMetrics;
  access: Access;
  /** Lantern's own store and what writes to it; absent only for a Lantern built in a test without one. */
  records?: Records;
  /** Present when replicas share a PostgreSQL store (LANTERN_DATABASE_URL): which one schedules, and how results travel. */
  replication?: Replication;
  /** Guided fixes; they need the store (locks, the audit log). */
  fixes?: FixRunner;
  /** Public keys of the services that validate JWTs against a JWKS, for the token inspector. */
  jwks: JwksCache;
  /** Token inspections per client and minute. */
  tokenInspections: RateLimit;
  startedAt: number;
  /**
   * Stops probing and writes what is buffered. `keepStore` leaves the store open
   * for the requests a stopping server still answers (sessions are looked up in it).
   */
  stop(options?: { keepStore?: boolean }): Promise<void>;
}

const TOKEN_INSPECTIONS_PER_MINUTE = 30;
/**
 * Probe runs in flight at once. Enough for hundreds of hung dependencies to
 * wait out their deadlines while the rest keep their schedule; few enough
 * that a cold start does not open thousands of connections in one breath.
 */
const MAX_RUNS_AT_ONCE = 128;

export interface LanternOptions {
  store?: Store;
  /** The shared store's URL: with it, this process is one of possibly several replicas. */
  databaseUrl?: string;
  processMetrics?: boolean;
  manualRunLimits?: ManualRunLimits;
}

export function createLantern(estate: Estate, options: LanternOptions = {}): Lantern {
  const results = new LatestResults();
  const findings = new ActiveFindings();
  const bus = new EventBus();
  // Connection trouble is what probes report; the log keeps one redacted line per change, not one per retry.
  const lastLogged = new Map<string, string>();
  const clients = new ClientRegistry(estate.dependencies.values(), (label, error) => {
    if (lastLogged.get(label) === error.message) return;
    lastLogged.set(label, error.message);
    logWarn(`${label}: ${estate.redactor.redact(error.message)}`);
  });
  const loopLag = new LoopLag();
  loopLag.start();
  const gate = new RunGate(MAX_RUNS_AT_ONCE);
  const metrics = createLanternMetrics({
    processMetrics: options.processMetrics ?? false,
    engine: { loopLagMs: () => loopLag.worstSince(performance.now() - 10_000), waiting: () => gate.waiting },
  });
  const records = options.store ? createRecords(options.store, bus, metrics, estate) : undefined;
  const runner = new ProbeRunner(estate, clients, results, findings, bus, metrics, { gate, loopLag }, records?.history);
  const scheduler = new Scheduler(estate, runner);
  const manualRuns = new ManualRuns(runner, options.manualRunLimits ?? DEFAULT_MANUAL_RUN_LIMITS);
  const live = new LiveStreams(bus, metrics);
  const views = new LiveViews(estate, results, findings, bus, (serviceId) => live.watching(serviceId));
  views.start();
  const replication =
    records && options.databaseUrl && records.store.backend === "postgres"
      ? new Replication({ url: options.databaseUrl, store: records.store, estate, bus, runner, scheduler, timeline: records.timeline, log: logWarn })
      : undefined;
  return {
    estate,
    results,
    findings,
    bus,
    live,
    views,
    clients,
    runner,
    scheduler,
    manualRuns,
    metrics,
    access: new Access(estate.access, options.store),
    ...(replication ? { replication } : {}),
    ...(records ? { records, fixes: new FixRunner({ estate, store: records.store, runner, findings, bus, timeline: records.timeline }) } : {}),
    jwks: new JwksCache(),
    tokenInspections: new RateLimit(TOKEN_INSPECTIONS_PER_MINUTE, 60_000),
    startedAt: Date.now(),
    async stop({ keepStore = false } = {}) {
      scheduler.stop();
      await replication?.stop();
      loopLag.stop();
      views.stop();
      bus.publish({ type: "shutdown" });
      await runner.settle();
      await clients.closeAll();
      if (records) {
        records.retention.stop();
        records.timeline.stop();
        records.history.stop();
        await records.writes.close();
        if (!keepStore) await records.store.close();
      }
    },
  };
}

function createRecords(store: Store, bus: EventBus, metrics: LanternMetrics, estate: Estate): Records {
  const writes = new WriteQueue(store, { buffered: metrics.storeBuffered, dropped: metrics.storeDropped }, logWarn);
  return {
    store,
    writes,
    timeline: new TimelineRecorder(bus, writes, new Map()),
    history: new HistoryRecorder(writes),
    retention: new Retention(writes, estate.retentionMs),
  };
}

const SHUTDOWN_GRACE_MS = 2_000;
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Loads the estate, opens the store and starts the schedule, once per process.
 * Throws ConfigError on a bad estate file and StoreError on a store it cannot use.
 */
export function startLantern(env: Env = process.env): Promise<Lantern> {
  running.__lantern ??= start(env);
  return running.__lantern;
}

async function start(env: Env): Promise<Lantern> {
  const estate = loadEstate(estateFilePath(env), env);
  redactLogsWith(estate.redactor);
  const host = env.LANTERN_LISTEN_HOST;
  if (estate.access.mode === "none" && host && !LOOPBACK.has(host)) {
    throw new Error(`access mode "none" makes everyone an operator, so Lantern listens on loopback only, not ${host}: set access (token or proxy) in ${estate.file}, or listen on 127.0.0.1`);
  }
  const store = await openStore(env, (line) => console.log(`[lantern] ${line}`));
  const lantern = createLantern(estate, { store, processMetrics: true, ...(env.LANTERN_DATABASE_URL ? { databaseUrl: env.LANTERN_DATABASE_URL } : {}) });
  await restoreFromStore(lantern, store);
  // Among replicas, the one holding the lease schedules; alone, this one does.
  if (lantern.replication) await lantern.replication.start();
  else lantern.scheduler.start();
  // Next's own handler waits for every open connection: live streams end here, and a
  // browser's kept-alive socket gets a short grace before the process goes anyway.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void lantern.stop({ keepStore: true });
      setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), SHUTDOWN_GRACE_MS).unref();
    });
  }
  return lantern;
}

/** The running Lantern; started here if instrumentation did not (as under `next dev` after a reload). */
export function getLantern(): Promise<Lantern> {
  return startLantern();
}
