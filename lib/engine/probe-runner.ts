import "server-only";
import type { ClientRegistry } from "@/lib/clients/client-registry";
import { instanceOfKey, type Estate, type ProbeInstance } from "@/lib/config/estate";
import type { LanternMetrics } from "@/lib/metrics/lantern-metrics";
import { STATUS_VALUE } from "@/lib/metrics/lantern-metrics";
import type { EventBus } from "./event-bus";
import type { HistoryRecorder } from "./history-recorder";
import type { ProbeResult } from "./probe-result";
import type { ActiveFindings } from "./active-findings";
import { findingViews } from "./finding-view";
import type { LatestResults } from "./latest-results";
import type { LoopLag } from "./loop-lag";
import type { RunGate } from "./run-gate";
import { runProbe } from "./run-probe";

/**
 * Runs probe instances: at most one run in flight per instance (a second
 * request joins the first), then records, counts and announces the result.
 */
export class ProbeRunner {
  private readonly inFlight = new Map<string, Promise<ProbeResult>>();
  /** Set while another replica schedules: runs asked of this one are asked of that one. */
  private forward: ((instance: ProbeInstance, trigger: ProbeResult["trigger"]) => Promise<ProbeResult>) | undefined;
  /** Set when replicas share a store: each result this replica produces goes to the others. */
  private share: ((result: ProbeResult) => void) | undefined;

  constructor(
    private readonly estate: Estate,
    private readonly clients: ClientRegistry,
    private readonly results: LatestResults,
    private readonly findings: ActiveFindings,
    private readonly bus: EventBus,
    private readonly metrics: LanternMetrics,
    private readonly engine: { gate: RunGate; loopLag: LoopLag },
    private readonly history?: HistoryRecorder,
  ) {}

  /** `dueAt` (Date.now() ms), for a scheduled run: how late it starts is counted. */
  run(instance: ProbeInstance, trigger: ProbeResult["trigger"], dueAt?: number): Promise<ProbeResult> {
    if (this.forward) return this.forward(instance, trigger);
    const running = this.inFlight.get(instance.key);
    if (running) return running;
    const run = this.execute(instance, trigger, dueAt).finally(() => this.inFlight.delete(instance.key));
    this.inFlight.set(instance.key, run);
    return run;
  }

  /**
   * A run that starts after this moment: a run already in flight read the
   * world as it was before, so it is waited out and a new one started.
   */
  async runAfterNow(instance: ProbeInstance, trigger: ProbeResult["trigger"]): Promise<ProbeResult> {
    // The scheduling replica answers with a run that ended after it was asked.
    if (this.forward) return this.forward(instance, trigger);
    await this.inFlight.get(instance.key)?.catch(() => undefined);
    return this.run(instance, trigger);
  }

  /** Replicas: `forward` while another replica schedules (undefined while this one does); `share` for every result run here. */
  replicate(options: { forward?: (instance: ProbeInstance, trigger: ProbeResult["trigger"]) => Promise<ProbeResult>; share?: (result: ProbeResult) => void }): void {
    this.forward = options.forward;
    if (options.share) this.share = options.share;
  }

  /** A result another replica produced: recorded and announced as if run here, but its history is that replica's to write. */
  accept(result: ProbeResult): void {
    // A key no longer in the estate file (another replica on an older one) is skipped.
    const instance = instanceOfKey(this.estate, result.key);
    if (instance) this.settled(instance, result);
  }

  isRunning(key: string): boolean {
    return this.inFlight.has(key);
  }

  /** Resolves when every run in flight has settled: used on shutdown. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async execute(instance: ProbeInstance, trigger: ProbeResult["trigger"], dueAt: number | undefined): Promise<ProbeResult> {
    const dependency = this.estate.dependencies.get(instance.dependencyId)!;
    const { gate, loopLag } = this.engine;
    await gate.enter();
    let result: ProbeResult;
    try {
      if (dueAt !== undefined) this.metrics.probeStartDelay.observe(Math.max(0, Date.now() - dueAt) / 1000);
      result = await runProbe({
        instance,
        dependency,
        clients: this.clients,
        redactor: this.estate.redactor,
        previous: this.results.latest(instance.key),
        series: this.results.series(instance.key),
        trigger,
        loopLag,
        onRecheck: (outcome) => this.metrics.probeRechecks.inc({ kind: dependency.kind, outcome }),
      });
    } finally {
      gate.leave();
    }
    this.history?.record(instance, result);
    this.share?.(result);
    this.metrics.probeDuration.observe({ kind: dependency.kind }, result.durationMs / 1000);
    this.metrics.probeRuns.inc({ kind: dependency.kind, outcome: result.status, trigger });
    this.settled(instance, result);
    return result;
  }

  /** Records, counts and announces a result, wherever it was run. */
  private settled(instance: ProbeInstance, result: ProbeResult): void {
    const dependency = this.estate.dependencies.get(instance.dependencyId)!;
    const previous = this.results.latest(instance.key);
    this.results.record(result, result.data === undefined ? undefined : instance.probe.series?.(result.data));
    const labels = { dependency: dependency.id, probe: instance.name };
    this.metrics.probeStatus.set(labels, STATUS_VALUE[result.status]);
    this.metrics.probeLastDuration.set(labels, result.durationMs / 1000);

    const changes = this.findings.update(instance.key, dependency, result.findings, result.checkedAt);
    this.bus.publish({ type: "result", result, previous, serviceId: dependency.serviceId, dependencyId: dependency.id });
    if (changes.length > 0) {
      // Causes and symptoms link within a service: its findings are read together, once per change.
      const findings = findingViews(this.estate, this.findings.forService(dependency.serviceId));
      for (const { action, finding } of changes) {
        // A cleared finding is no longer active; its last picture is what the event carries.
        const view = findings.find((f) => f.key === finding.key) ?? findingViews(this.estate, [finding])[0]!;
        this.bus.publish({ type: "finding", action, finding: view });
      }
    }
  }
}
