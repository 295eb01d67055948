import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { instanceOfKey, type Estate } from "@/lib/config/estate";
import type { EventBus } from "@/lib/engine/event-bus";
import type { ProbeRunner } from "@/lib/engine/probe-runner";
import type { Scheduler } from "@/lib/engine/scheduler";
import type { TimelineRecorder } from "@/lib/timeline/recorder";
import type { Store } from "@/lib/store/store";
import { Lease } from "./lease";
import { RunRequests } from "./run-requests";
import { SharedResults } from "./shared-results";

export interface ReplicationParts {
  url: string;
  store: Store;
  estate: Estate;
  bus: EventBus;
  runner: ProbeRunner;
  scheduler: Scheduler;
  timeline: TimelineRecorder;
  log: (line: string) => void;
}

/** How often a replica asks for the lease: half the shortest interval, so it takes over within two, between 0.25 s and 5 s. */
export function leaseRetryMs(estate: Estate): number {
  const shortest = Math.min(...[...estate.dependencies.values()].flatMap((d) => d.probes.map((p) => p.intervalMs)));
  return Math.min(5_000, Math.max(250, Math.floor(shortest / 2)));
}

/**
 * Several replicas on one PostgreSQL store: exactly one schedules (it holds
 * the lease), writes the engine's timeline entries and runs what the others
 * ask; every replica shares the results it produces and applies the others',
 * so any of them serves the same pages, API and live feeds.
 */
export class Replication {
  /** This process among the replicas, in logs and the store. */
  readonly replica = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  private readonly lease: Lease;
  private readonly shared: SharedResults;
  private readonly requests: RunRequests;

  constructor(private readonly parts: ReplicationParts) {
    const { url, store, bus, runner, log } = parts;
    this.shared = new SharedResults(url, store, this.replica, (result) => runner.accept(result), log);
    this.requests = new RunRequests(url, store, bus);
    this.lease = new Lease(url, `lantern scheduler: ${parts.estate.name}`, leaseRetryMs(parts.estate), {
      acquired: () => this.lead(),
      lost: () => this.follow(),
    });
  }

  get scheduling(): boolean {
    return this.lease.holding;
  }

  /** Catches up on every replica's latest results, then follows until the lease comes this way. */
  async start(): Promise<void> {
    this.follow();
    this.parts.runner.replicate({ forward: (instance, trigger) => this.requests.ask(instance, trigger), share: (result) => this.shared.share(result) });
    await this.shared.start();
    this.lease.start();
  }

  async stop(): Promise<void> {
    this.parts.scheduler.stop();
    await Promise.all([this.lease.stop(), this.requests.unserve(), this.shared.stop()]);
  }

  private lead(): void {
    const { runner, scheduler, timeline, estate, log } = this.parts;
    log(`replica ${this.replica} schedules the probes`);
    runner.replicate({});
    timeline.writeEngineEntries(true);
    this.requests.serve((key, trigger) => {
      const instance = instanceOfKey(estate, key);
      if (!instance) return;
      const run = trigger === "verify" ? runner.runAfterNow(instance, trigger) : runner.run(instance, trigger);
      run.catch(() => undefined);
    });
    scheduler.start();
  }

  private follow(): void {
    const { runner, scheduler, timeline } = this.parts;
    scheduler.stop();
    timeline.writeEngineEntries(false);
    void this.requests.unserve();
    runner.replicate({ forward: (instance, trigger) => this.requests.ask(instance, trigger) });
  }
}
