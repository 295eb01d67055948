import type { ProbeResult } from "@/lib/engine/probe-result";
import type { FindingDefinition } from "@/lib/probe-kit/define-finding";
import { FINDINGS } from "@/probes/catalog";

const FINDING_BY_ID = new Map(FINDINGS.map((finding) => [finding.id, finding]));

/** A result as it travels between replicas: a finding names its definition by id, since a definition holds code. */
export type WireResult = Omit<ProbeResult, "findings"> & { findings: (Omit<ProbeResult["findings"][number], "definition"> & { definition: string })[] };

export function toWire(result: ProbeResult): WireResult {
  return { ...result, findings: result.findings.map((finding) => ({ ...finding, definition: finding.definition.id })) };
}

/** The result again, its findings joined to this replica's definitions; undefined when one is unknown here (a replica of another version). */
export function fromWire(wire: WireResult): ProbeResult | undefined {
  const findings = wire.findings.map((finding) => ({ ...finding, definition: FINDING_BY_ID.get(finding.definition) }));
  if (findings.some((finding) => !finding.definition)) return undefined;
  return { ...wire, findings: findings as (typeof findings[number] & { definition: FindingDefinition })[] };
}
