import type { Dependency } from "@/lib/config/estate";
import type { FindingDefinition, RaisedFinding, Severity } from "@/lib/probe-kit/define-finding";

/** A known problem raised on one dependency, held while some probe keeps raising it. */
export interface ActiveFinding {
  /** "<dependency>/<finding id>": one finding per problem per dependency, whichever probes see it. */
  key: string;
  definition: FindingDefinition;
  dependencyId: string;
  serviceId: string;
  severity: Severity;
  summary: string;
  evidence: Record<string, unknown>;
  since: string;
  /** What each probe instance that raises it last said. */
  raisedBy: Map<string, RaisedFinding>;
  /** The probe instance whose report speaks for the finding (the worst). */
  speaker: string;
}

export type FindingChange = { action: "raised" | "changed" | "cleared"; finding: ActiveFinding };

/** A finding that was active when Lantern last stopped, as the timeline remembers it. */
export interface RestoredFinding {
  key: string;
  definition: FindingDefinition;
  dependencyId: string;
  serviceId: string;
  severity: Severity;
  since: string;
  summary: string;
}

export class ActiveFindings {
  private readonly active = new Map<string, ActiveFinding>();
  /** Findings of the last run of Lantern not yet seen again, by key. */
  private readonly restored = new Map<string, RestoredFinding>();
  /** Per dependency with restored findings, the probes that have reported since the start. */
  private readonly reportedSinceStart = new Map<string, Set<string>>();

  /**
   * Takes the findings active when Lantern last stopped: one seen again keeps
   * its original `since` and is not announced as new; one its dependency's
   * probes no longer raise is cleared once they have all reported.
   */
  restore(findings: readonly RestoredFinding[]): void {
    for (const finding of findings) {
      this.restored.set(finding.key, finding);
      this.reportedSinceStart.set(finding.dependencyId, new Set());
    }
  }

  /** Takes what one probe run raised; returns what that changed. */
  update(probeKey: string, dependency: Dependency, raised: readonly RaisedFinding[], at: string): FindingChange[] {
    const changes: FindingChange[] = [];
    const seen = new Set<string>();
    // One probe may see one problem twice (a server and a pool both full): the worse one speaks.
    const worstById = new Map<string, RaisedFinding>();
    for (const finding of raised) {
      const known = worstById.get(finding.definition.id);
      if (!known || (known.severity === "warn" && finding.severity === "crit")) worstById.set(finding.definition.id, finding);
    }
    for (const finding of worstById.values()) {
      const key = `${dependency.id}/${finding.definition.id}`;
      seen.add(key);
      const existing = this.active.get(key);
      if (!existing) {
        const earlier = this.restored.get(key);
        this.restored.delete(key);
        const created: ActiveFinding = {
          key,
          definition: finding.definition,
          dependencyId: dependency.id,
          serviceId: dependency.serviceId,
          severity: finding.severity,
          summary: finding.summary,
          evidence: finding.evidence,
          since: earlier?.since ?? at,
          raisedBy: new Map([[probeKey, finding]]),
          speaker: probeKey,
        };
        this.active.set(key, created);
        if (!earlier) changes.push({ action: "raised", finding: created });
        else if (earlier.severity !== created.severity) changes.push({ action: "changed", finding: created });
        continue;
      }
      const before = existing.severity;
      existing.raisedBy.set(probeKey, finding);
      this.summarise(existing);
      if (existing.severity !== before) changes.push({ action: "changed", finding: existing });
    }
    changes.push(...this.clearRestored(probeKey, dependency));
    for (const [key, finding] of this.active) {
      if (seen.has(key) || !finding.raisedBy.delete(probeKey)) continue;
      if (finding.raisedBy.size === 0) {
        this.active.delete(key);
        changes.push({ action: "cleared", finding });
      } else {
        const before = finding.severity;
        this.summarise(finding);
        if (finding.severity !== before) changes.push({ action: "changed", finding });
      }
    }
    return changes;
  }

  /** Restored findings of a dependency whose every probe has reported without raising them: they ended while Lantern was away. */
  private clearRestored(probeKey: string, dependency: Dependency): FindingChange[] {
    const reported = this.reportedSinceStart.get(dependency.id);
    if (!reported) return [];
    reported.add(probeKey);
    if (dependency.probes.some((probe) => !reported.has(probe.key))) return [];
    this.reportedSinceStart.delete(dependency.id);
    const ended = [...this.restored.values()].filter((f) => f.dependencyId === dependency.id);
    for (const f of ended) this.restored.delete(f.key);
    return ended.map((f) => ({ action: "cleared", finding: { ...f, evidence: {}, raisedBy: new Map(), speaker: probeKey } }));
  }

  list(): ActiveFinding[] {
    return [...this.active.values()];
  }

  forService(serviceId: string): ActiveFinding[] {
    return this.list().filter((finding) => finding.serviceId === serviceId);
  }

  /** The worst of what its probes say speaks for the finding. */
  private summarise(finding: ActiveFinding) {
    const reports = [...finding.raisedBy];
    const [speaker, worst] = reports.find(([, r]) => r.severity === "crit") ?? reports[0]!;
    finding.speaker = speaker;
    finding.severity = worst.severity;
    finding.summary = worst.summary;
    finding.evidence = worst.evidence;
  }
}
