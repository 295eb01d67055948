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

export class ActiveFindings {
  private readonly active = new Map<string, ActiveFinding>();

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
        const created: ActiveFinding = {
          key,
          definition: finding.definition,
          dependencyId: dependency.id,
          serviceId: dependency.serviceId,
          severity: finding.severity,
          summary: finding.summary,
          evidence: finding.evidence,
          since: at,
          raisedBy: new Map([[probeKey, finding]]),
          speaker: probeKey,
        };
        this.active.set(key, created);
        changes.push({ action: "raised", finding: created });
        continue;
      }
      const before = existing.severity;
      existing.raisedBy.set(probeKey, finding);
      this.summarise(existing);
      if (existing.severity !== before) changes.push({ action: "changed", finding: existing });
    }
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
