import "server-only";
import type { Estate } from "@/lib/config/estate";
import type { FindingDefinition } from "@/lib/probe-kit/define-finding";
import { CommandTarget } from "@/lib/probe-kit/commands";
import { FINDINGS } from "@/probes/catalog";
import type { ActiveFinding } from "@/lib/engine/active-findings";

export interface LookupResult {
  id: string;
  title: string;
  cause: string;
  steps: string[];
  /** What in the pasted text matched. */
  matched: string[];
  score: number;
  /** Where this problem is raised right now, if anywhere. */
  activeOn: string[];
  /** The commands to check it, filled in for the first dependency of its kind. */
  commands: { dependencyId: string; lines: string[] } | null;
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9_]{3,}/g) ?? [];
const STOP = new Set(["the", "and", "for", "with", "not", "was", "are", "from", "that", "this", "error", "failed", "has", "its"]);

/**
 * Ranks known problems against a pasted error message or code: a known
 * message found in the text counts most (longer, more specific ones more),
 * then words shared with the problem's title and known messages.
 */
export function scoreFinding(query: string, finding: FindingDefinition): { score: number; matched: string[] } {
  const text = query.toLowerCase().trim();
  const matched: string[] = [];
  let score = 0;
  for (const known of finding.matches ?? []) {
    const k = known.toLowerCase();
    if (text.includes(k)) {
      matched.push(known);
      score += 100 + k.length * 2;
    } else if (text.length >= 6 && k.includes(text)) {
      matched.push(known);
      score += 60 + text.length;
    }
  }
  const queryWords = new Set(words(query).filter((w) => !STOP.has(w)));
  const own = new Set([...words(finding.title), ...(finding.matches ?? []).flatMap(words), ...words(finding.id)]);
  for (const w of queryWords) if (own.has(w)) score += 5;
  return { score, matched };
}

export function lookupError(query: string, estate: Estate, active: readonly ActiveFinding[], limit = 8): LookupResult[] {
  if (!query.trim()) return [];
  return FINDINGS.map((finding) => ({ finding, ...scoreFinding(query, finding) }))
    .filter((r) => r.score >= 10)
    .sort((a, b) => b.score - a.score || a.finding.id.localeCompare(b.finding.id))
    .slice(0, limit)
    .map(({ finding, score, matched }) => {
      const kind = finding.id.split(".")[0];
      const dependency = [...estate.dependencies.values()].find((d) => d.kind === kind);
      const target = dependency ? new CommandTarget(dependency.url, estate.redactor, dependency.timeoutMs, dependency.headers) : undefined;
      let lines: string[] = [];
      try {
        lines = target ? finding.commands(target, {}, {}) : [];
      } catch {
        lines = [];
      }
      return {
        id: finding.id,
        title: finding.title,
        cause: finding.cause,
        steps: finding.steps,
        matched,
        score,
        activeOn: active.filter((a) => a.definition.id === finding.id).map((a) => a.dependencyId),
        commands: dependency && lines.length ? { dependencyId: dependency.id, lines } : null,
      };
    });
}
