import type { FindingView, ProbeView } from "@/lib/api/estate-view-schema";
import type { FindingBrief, Overview, ServiceSummary } from "@/lib/api/overview-schema";
import type { ServiceDetail } from "@/lib/api/service-detail";

const SEVERITY = { crit: 0, warn: 1 } as const;
/** Points of a probe's series a page keeps, as the server does. */
const SERIES_LENGTH = 120;

const bySeverity = <F extends FindingBrief>(a: F, b: F) => SEVERITY[a.severity] - SEVERITY[b.severity] || a.since.localeCompare(b.since) || a.key.localeCompare(b.key);

export type FindingEvent<F> = { action: "raised" | "changed" | "cleared"; finding: F };

/**
 * What the live feed brought since the last frame. Each service and finding
 * states its whole new picture, and a probe its new reading with the series
 * point it adds, so changes applied in order converge whatever picture they
 * start from (a reading no newer than the one held is skipped, point and all).
 */
export interface LiveChanges {
  services: ServiceSummary[];
  findings: FindingEvent<FindingView | FindingBrief>[];
  probes: { dependencyId: string; probe: ProbeView }[];
}

export const noChanges = (): LiveChanges => ({ services: [], findings: [], probes: [] });

/** Applies finding changes to a list: replaced or added while active, removed once cleared. */
function withFindings<F extends FindingBrief>(findings: F[], changes: FindingEvent<F>[]): F[] {
  const byKey = new Map(findings.map((f) => [f.key, f]));
  for (const { action, finding } of changes) {
    if (action === "cleared") byKey.delete(finding.key);
    else byKey.set(finding.key, finding);
  }
  return [...byKey.values()].sort(bySeverity);
}

/** A probe's new picture into its service; its series grows by the point the event carries. A reading no newer than the one held is old news. */
function withProbe(detail: ServiceDetail, dependencyId: string, probe: ProbeView): ServiceDetail {
  return {
    ...detail,
    service: {
      ...detail.service,
      dependencies: detail.service.dependencies.map((d) =>
        d.id !== dependencyId
          ? d
          : {
              ...d,
              probes: d.probes.map((p) => {
                if (p.name !== probe.name || (p.checkedAt !== null && probe.checkedAt !== null && probe.checkedAt <= p.checkedAt)) return p;
                const series = probe.series && p.series ? [...p.series, ...probe.series].slice(-SERIES_LENGTH) : probe.series;
                return { ...probe, ...(series ? { series } : {}) };
              }),
            },
      ),
    },
  };
}

/** The overview with the services and findings that changed. */
export function overviewWith(overview: Overview, changes: LiveChanges): Overview {
  if (changes.services.length === 0 && changes.findings.length === 0) return overview;
  const changed = new Map(changes.services.map((s) => [s.id, s]));
  return {
    ...overview,
    services: changed.size ? overview.services.map((s) => changed.get(s.id) ?? s) : overview.services,
    findings: changes.findings.length ? withFindings(overview.findings, changes.findings as FindingEvent<FindingBrief>[]) : overview.findings,
  };
}

/** A service page's picture with its probes' new readings and its findings' changes. */
export function detailWith(detail: ServiceDetail, changes: LiveChanges): ServiceDetail {
  if (changes.probes.length === 0 && changes.findings.length === 0) return detail;
  const withProbes = changes.probes.reduce((d, { dependencyId, probe }) => withProbe(d, dependencyId, probe), detail);
  return changes.findings.length ? { ...withProbes, findings: withFindings(withProbes.findings, changes.findings as FindingEvent<FindingView>[]) } : withProbes;
}

/**
 * The live changes heard while a page's picture is on its way. A fetched
 * picture was taken at some moment during its request; a change heard in that
 * time may be in it or not, and the cache it was applied to is about to be
 * replaced. Laid again on the answer, in order, every such change is in it:
 * without this, a finding raised while the page refetched would stay missing
 * until it changed again.
 */
export class ChangesInFlight {
  /** `serviceId`: the service page whose stream it came from; undefined for the overview's. */
  private heard: { seq: number; changes: LiveChanges; serviceId: string | undefined }[] = [];
  private seq = 0;
  private fetching = 0;

  /** Keeps a frame's changes while some picture is being fetched; nothing otherwise. */
  hear(changes: LiveChanges, serviceId: string | undefined): void {
    if (this.fetching > 0) this.heard.push({ seq: ++this.seq, changes, serviceId });
  }

  /**
   * Fetches a picture, then lays on it every change heard since the request
   * left. With `serviceId`, a service page's picture: only its own stream's
   * changes, as the feed applies them (another stream's findings are other
   * services', or the overview's briefs without evidence or runbook).
   */
  async fetch<T>(request: () => Promise<T>, apply: (picture: T, changes: LiveChanges) => T, serviceId?: string): Promise<T> {
    this.fetching += 1;
    const from = this.seq;
    try {
      const picture = await request();
      return this.heard.filter((h) => h.seq > from && (serviceId === undefined || h.serviceId === serviceId)).reduce<T>((p, h) => apply(p, h.changes), picture);
    } finally {
      this.fetching -= 1;
      if (this.fetching === 0) this.heard = [];
    }
  }
}

/** The page's one record of changes in flight, shared by the live feed and the pictures it keeps current. */
export const changesInFlight = new ChangesInFlight();
