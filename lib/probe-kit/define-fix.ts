import type { z } from "zod";
import type { ClientOf, DependencyKind } from "./define-probe";

export const RISKS = ["safe", "caution", "destructive"] as const;
export type Risk = (typeof RISKS)[number];

/** One thing a fix will touch: a session, a key pattern, a stream, a row. */
export interface FixTarget {
  /** Stable within one preview, so execute acts on exactly what the preview showed. */
  id: string;
  /** In words, for the targets table: "pid 4242 · action-worker · idle 12 min". */
  label: string;
  /** Columns of the targets table. */
  details: Record<string, string | number | null>;
}

export interface FixPreview {
  /** What it will do, in one line: "terminate 19 idle sessions of action-worker". */
  summary: string;
  targets: FixTarget[];
  /**
   * Everything the decision rests on (the targets and what made them targets);
   * its hash is compared at execute time, and any change refuses the run.
   */
  state: unknown;
  /** For destructive fixes: the name the engineer types to confirm (the slot's, the key's). */
  confirm?: string;
  /** When this preview is riskier or milder than the fix in general (one key, or a whole pattern). */
  risk?: Risk;
}

/** What execute reports: how many targets it touched, and anything worth saying about it. */
export interface FixOutcome {
  summary: string;
  touched: number;
}

/** An action an HTTP dependency declares in the estate file, offered as a fix on the findings it names. */
export interface HttpAction {
  id: string;
  title: string;
  method: "POST" | "PUT" | "DELETE";
  path: string;
  body?: string;
  risk: Risk;
  /** The finding ids it is offered on. */
  for: string[];
}

/** What a fix learns from the finding it cures, the probe that raised it, and the dependency. */
export interface FixSource {
  /** The finding's id. */
  findingId: string;
  evidence: Record<string, unknown>;
  /** The raising probe instance's parameters (its declared stream, its key…). */
  probeParams: Record<string, unknown>;
  /** The dependency's declared actions (HTTP dependencies; empty elsewhere). */
  actions: HttpAction[];
}

export interface FixContext {
  signal: AbortSignal;
  /** The dependency's declared actions, so a fix acts on the estate's declaration and never on a caller's copy of it. */
  actions: HttpAction[];
  /** Progress in words, sent to the page as it happens ("republished 40 of 120"). */
  progress(message: string): void;
}

export interface FixDefinition<K extends DependencyKind = DependencyKind, P extends z.ZodObject = z.ZodObject> {
  /** "<kind>.<action>", stable: findings, the API and the audit log name it. */
  id: string;
  title: string;
  kind: K;
  risk: Risk;
  /** What the engineer may set; the finding fills the defaults from what it saw. */
  params: P;
  /** The parameters a finding offers, from its evidence and its probe's parameters; undefined when it cannot offer this fix. */
  paramsFrom(source: FixSource): z.input<P> | undefined;
  /** Reads exactly what would be touched. I/O on the fix's own connection; changes nothing. */
  preview(client: ClientOf[K], params: z.output<P>, context: FixContext): Promise<FixPreview>;
  /** Acts on the previewed targets, never more than `maxTargets`. */
  execute(client: ClientOf[K], params: z.output<P>, targets: FixTarget[], context: FixContext): Promise<FixOutcome>;
  /** The probes re-run after it, whose findings say whether it worked. */
  verify: string[];
  /**
   * How long to let the world settle before probing again, for trouble that
   * comes back only after a while (a recreated consumer that still does not
   * acknowledge, a dead letter parked again): a verdict at once would be hope.
   */
  settleMs?: number;
  /** One run per dependency within this time. */
  cooldownMs: number;
  maxTargets: number;
  /** What the engineer is asked before a caution fix, in a sentence ("Is the root cause fixed?"). */
  ask?: string;
  /** The button's words for these parameters, when they say more than the title (a declared action's own title). */
  offerTitle?(params: z.output<P>, source: FixSource): string;
}

export function defineFix<K extends DependencyKind, P extends z.ZodObject>(definition: FixDefinition<K, P>): FixDefinition<K, P> {
  return definition;
}
