import type { CommandTarget } from "./commands";
import type { FixDefinition } from "./define-fix";

export type Severity = "warn" | "crit";

/**
 * A known problem in the words of our runbooks: what it is, why it happens,
 * what to do, and how to check by hand on this very dependency.
 */
export interface FindingDefinition<Evidence = Record<string, unknown>> {
  /** "<kind>.<problem>", stable: the API, the lab's scenarios and the error lookup use it. */
  id: string;
  title: string;
  /** The severities it can be raised at; none for problems only the error lookup knows. Each has a judging test. */
  severities: readonly Severity[];
  /** The likely cause, in a sentence or two. */
  cause: string;
  steps: string[];
  /**
   * The commands to check it by hand, with this dependency's host, port and names
   * filled in; `params` are those of the probe instance that raised it (empty
   * when none did), so an HTTP command asks the path and headers the probe asked.
   */
  commands(target: CommandTarget, evidence: Evidence, params: Record<string, unknown>): string[];
  /** The fixes that cure it, offered on the finding with their parameters filled from what it saw. */
  fixes?: FixDefinition[];
  /** Findings this one explains when both are raised in the same service: the cause groups its symptoms. */
  explains?: string[];
  /** Error messages and codes that point here, for the error lookup. */
  matches?: string[];
}

export function defineFinding<Evidence extends Record<string, unknown>>(definition: FindingDefinition<Evidence>): FindingDefinition<Evidence> {
  return definition;
}

/** What one probe run raised. */
export interface RaisedFinding {
  definition: FindingDefinition;
  severity: Severity;
  /** The numbers that raised it, in one line: "92 of 97 connections in use (95 %), 37 idle > 10 min". */
  summary: string;
  evidence: Record<string, unknown>;
}

export function raise<Evidence extends Record<string, unknown>>(
  definition: FindingDefinition<Evidence>,
  severity: Severity,
  summary: string,
  evidence: Evidence,
): RaisedFinding {
  return { definition: definition as unknown as FindingDefinition, severity, summary, evidence };
}
