import "server-only";
import type { FindingView } from "@/lib/api/estate-view-schema";
import type { Dependency, Estate } from "@/lib/config/estate";
import { CommandTarget } from "@/lib/probe-kit/commands";
import type { ActiveFinding } from "./active-findings";

const SEVERITY = { crit: 0, warn: 1 } as const;

/** Findings as the API shows them: runbook commands filled in for their dependency, causes linked to their symptoms. */
export function findingViews(estate: Estate, findings: readonly ActiveFinding[]): FindingView[] {
  const views = findings.map((finding) => view(estate, finding, findings));
  return views.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || a.since.localeCompare(b.since) || a.key.localeCompare(b.key));
}

/** The fixes a finding offers, with the parameters it fills from what it saw; a fix that cannot use them is not offered. */
function offeredFixes(finding: ActiveFinding, dependency: Dependency): FindingView["fixes"] {
  const probeParams = dependency.probes.find((p) => p.key === finding.speaker)?.params ?? {};
  return (finding.definition.fixes ?? []).flatMap((fix) => {
    const source = { findingId: finding.definition.id, evidence: finding.evidence, probeParams, actions: dependency.actions };
    const params = fix.paramsFrom(source);
    if (params === undefined) return [];
    const title = fix.offerTitle?.(fix.params.parse(params), source) ?? fix.title;
    return [{ id: fix.id, title, risk: fix.risk, params: params as Record<string, unknown> }];
  });
}

function view(estate: Estate, finding: ActiveFinding, all: readonly ActiveFinding[]): FindingView {
  const dependency = estate.dependencies.get(finding.dependencyId)!;
  const target = new CommandTarget(dependency.url, estate.redactor, dependency.timeoutMs, dependency.headers);
  const cause = all
    .filter((other) => other !== finding && other.serviceId === finding.serviceId && other.definition.explains?.includes(finding.definition.id))
    .sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity])[0];
  return {
    key: finding.key,
    id: finding.definition.id,
    severity: finding.severity,
    serviceId: finding.serviceId,
    dependencyId: finding.dependencyId,
    title: finding.definition.title,
    summary: finding.summary,
    since: finding.since,
    evidence: finding.evidence,
    runbook: {
      cause: finding.definition.cause,
      steps: finding.definition.steps,
      commands: finding.definition.commands(target, finding.evidence, dependency.probes.find((p) => p.key === finding.speaker)?.params ?? {}),
    },
    fixes: offeredFixes(finding, dependency),
    explainedBy: cause?.key ?? null,
  };
}
