import "server-only";
import type { ServiceState } from "@/lib/api/live-status";
import { probeStatusAt, summarizeService } from "@/lib/api/live-status";
import type { ServiceDetail } from "@/lib/api/service-detail";
import { briefOfFinding } from "@/lib/api/finding-brief";
import { packOverview } from "@/lib/api/overview-payload";
import type { OverviewPayload, ServiceSummary } from "@/lib/api/overview-schema";
import type { Estate, ProbeInstance, Service } from "@/lib/config/estate";
import { labUrl } from "@/lib/lab-client";
import { isProblem, staleAfterMs } from "@/lib/probe-kit/status";
import type { ActiveFindings } from "./active-findings";
import type { EventBus, LanternEvent } from "./event-bus";
import { probeViewOf, serviceView } from "./estate-view";
import { findingViews } from "./finding-view";
import type { LatestResults } from "./latest-results";
import type { ProbeResult } from "./probe-result";

const TICK_MS = 1_000;

/**
 * Whether a result leaves its service's summary as it was: the probe's status
 * as of now is the same, and so are its words where the overview shows them
 * (on a problem). Most results are; their service is not summed up again,
 * which was most of what Lantern allocated at a thousand services. The tick
 * still looks when the service's earliest probe would have turned stale.
 */
function sameInSummary(instance: ProbeInstance, previous: ProbeResult | undefined, result: ProbeResult, now: number): boolean {
  // An older reading arriving late (from another replica) moves the moment the probe turns stale back.
  if (!previous || result.checkedAt < previous.checkedAt) return false;
  const asState = ({ status, summary, checkedAt }: ProbeResult) => ({ status, summary, checkedAt, intervalMs: instance.intervalMs, timeoutMs: instance.timeoutMs });
  const status = probeStatusAt(asState(result), now);
  return probeStatusAt(asState(previous), now) === status && (!isProblem(status) || previous.summary === result.summary);
}

/**
 * The pictures the pages draw, kept current from the engine's results at the
 * cost of each change, not of each run: a result recomputes its own service's
 * few numbers, and only a difference is announced. A probe's full picture is
 * built only while a page shows its service. Once a second, services whose
 * results have aged past their interval turn stale, and a tick says the
 * engine is alive.
 */
export class LiveViews {
  private readonly summaries = new Map<string, { summary: ServiceSummary; fingerprint: string; staleAt: number }>();
  private readonly services: Map<string, Service>;
  private runs = 0;
  private changes = 0;
  /** The overview as of `version`: a thousand services are summed up once per change, not once per request. */
  private built: OverviewPayload | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly estate: Estate,
    private readonly results: LatestResults,
    private readonly findings: ActiveFindings,
    private readonly bus: EventBus,
    /** Whether an open page shows this service, and so wants its probes' pictures. */
    private readonly watched: (serviceId: string) => boolean,
  ) {
    this.services = new Map(estate.services.map((service) => [service.id, service]));
  }

  start(): void {
    if (this.timer) return;
    this.unsubscribe = this.bus.subscribe((event) => this.hear(event));
    this.timer = setInterval(() => this.tick(Date.now()), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
  }

  /** How many changes (a service's summary, a finding) have been announced: a page built before the last one has missed something. */
  get version(): number {
    return this.changes;
  }

  /** GET /api/overview: every service's summary and the findings in brief; built again only after a change. */
  overview(now = Date.now()): OverviewPayload {
    if (this.built?.version !== this.changes) {
      this.built = packOverview({
        generatedAt: "",
        version: this.changes,
        estate: this.estate.name,
        lab: labUrl() !== undefined,
        services: this.estate.services.map((service) => this.summaryOf(service, now)),
        findings: findingViews(this.estate, this.findings.list()).map(briefOfFinding),
      });
    }
    return { ...this.built, generatedAt: new Date(now).toISOString() };
  }

  /** One service in full, with its findings: what its page draws. */
  service(serviceId: string, now = Date.now()): ServiceDetail | undefined {
    const service = this.services.get(serviceId);
    if (!service) return undefined;
    return {
      generatedAt: new Date(now).toISOString(),
      version: this.changes,
      service: serviceView(this.estate, service, this.results, now),
      findings: findingViews(this.estate, this.findings.forService(serviceId)),
    };
  }

  private hear(event: LanternEvent): void {
    if (event.type === "finding") this.changes += 1;
    if (event.type !== "result") return;
    this.runs += 1;
    const service = this.services.get(event.serviceId)!;
    const instance = this.estate.dependencies.get(event.dependencyId)!.probes.find((p) => p.key === event.result.key)!;
    const now = Date.now();
    if (!sameInSummary(instance, event.previous, event.result, now)) this.refresh(service, now);
    if (this.watched(service.id)) {
      const probe = probeViewOf(this.estate, instance, this.results);
      // The page has the series already: this reading's point is all it needs, and a reading without one (the dependency down) adds none.
      const added = probe.series?.slice(-1).filter((point) => point.t === event.result.checkedAt);
      this.bus.publish({ type: "probe", serviceId: service.id, dependencyId: event.dependencyId, probe: added ? { ...probe, series: added } : probe });
    }
  }

  private tick(now: number): void {
    for (const [id, known] of this.summaries) if (now >= known.staleAt) this.refresh(this.services.get(id)!, now);
    this.bus.publish({ type: "tick", at: new Date(now).toISOString(), runs: this.runs });
    this.runs = 0;
  }

  private summaryOf(service: Service, now: number): ServiceSummary {
    return this.summaries.get(service.id)?.summary ?? this.refresh(service, now, false);
  }

  /** Recomputes a service's summary; announces it when it differs from the last one. */
  private refresh(service: Service, now: number, announce = true): ServiceSummary {
    const state = this.stateOf(service);
    const summary = summarizeService(state, now);
    const fingerprint = JSON.stringify(summary);
    const known = this.summaries.get(service.id);
    // The next moment one of its probes turns stale without a new result: the tick looks again then, not before.
    const staleAt = Math.min(
      ...state.dependencies.flatMap((d) => d.probes.map((p) => (p.checkedAt === null ? Infinity : Date.parse(p.checkedAt) + staleAfterMs(p.intervalMs, p.timeoutMs) + 1))).filter((at) => at > now),
    );
    this.summaries.set(service.id, { summary, fingerprint, staleAt });
    if (announce && known?.fingerprint !== fingerprint) {
      this.changes += 1;
      this.bus.publish({ type: "service", summary });
    }
    return summary;
  }

  /** The light picture statuses are computed from: no commands, no readings, no series. */
  private stateOf(service: Service): ServiceState {
    return {
      id: service.id,
      name: service.name,
      ...(service.group ? { group: service.group } : {}),
      dependencies: service.dependencies.map((dependency) => ({
        id: dependency.id,
        name: dependency.name,
        kind: dependency.kind,
        impact: dependency.impact,
        target: dependency.target,
        probes: dependency.probes.map((instance) => {
          const result = this.results.latest(instance.key);
          return {
            status: result?.status ?? "unknown",
            summary: result?.summary ?? "waiting for the first result",
            checkedAt: result?.checkedAt ?? null,
            intervalMs: instance.intervalMs,
            timeoutMs: instance.timeoutMs,
          };
        }),
      })),
    };
  }
}
