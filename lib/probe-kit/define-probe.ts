import type { z } from "zod";
import type { HttpClient } from "@/lib/clients/http";
import type { NatsClient } from "@/lib/clients/nats";
import type { PostgresClient } from "@/lib/clients/postgres";
import type { RedisClient } from "@/lib/clients/redis";
import type { CommandTarget } from "./commands";
import type { FindingDefinition, RaisedFinding } from "./define-finding";
import type { PanelView } from "./panel-view";

export const DEPENDENCY_KINDS = ["postgres", "redis", "nats", "http"] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** Keys of a probe entry that belong to the instance; no probe parameter may take one. */
export const INSTANCE_KEYS = ["probe", "name", "interval", "timeout"] as const;

export interface ClientOf {
  postgres: PostgresClient;
  redis: RedisClient;
  nats: NatsClient;
  http: HttpClient;
}

export interface SeriesPoint {
  t: number;
  value: number;
}

/** What a probe knows besides its parameters: earlier readings of this instance, and the time. */
export interface ProbeContext<Data> {
  /** The previous reading, for numbers that are differences between two (a hit rate, new slow-log entries). */
  previous?: { data: Data; checkedAt: string };
  /** This probe's `series` number over earlier readings, oldest first, t in ms since the epoch (a queue's trend, a latency quantile). */
  history: readonly SeriesPoint[];
  /** Milliseconds since the epoch; the only clock a judge may read. */
  now: number;
}

/** What a judge concludes from one reading. The result's status is the worst of its findings, ok when none. */
export interface Judgement {
  summary: string;
  findings: RaisedFinding[];
}

export interface ProbeDefinition<
  K extends DependencyKind = DependencyKind,
  P extends z.ZodObject = z.ZodObject,
  D extends z.ZodType = z.ZodType,
> {
  /** Stable id used in the estate file and the API, "<kind>.<what>". */
  id: string;
  title: string;
  /** What it reads, in a line, for the catalog and the README ("`SELECT 1` latency, version, role"). */
  reads: string;
  kind: K;
  /** The parameters an estate file may set on this probe; their defaults apply when absent. */
  params: P;
  /** Parameters that had another name: old → new, so an old estate file is told what to write now. */
  renamed?: Record<string, string>;
  /** What `read` returns, checked before it is judged. */
  data: D;
  /** The known problems this probe can raise. */
  findings: FindingDefinition[];
  /** The command an engineer would run to check the same thing by hand. */
  command(target: CommandTarget, params: z.output<P>): string;
  /**
   * I/O only: asks the dependency and returns what it said, plus what follows
   * from the previous readings without judging it (a rate, a forecast). Throws
   * ProbeReadError when the answer cannot be read as asked.
   */
  read(client: ClientOf[K], params: z.output<P>, signal: AbortSignal, context: ProbeContext<z.output<D>>): Promise<z.output<D>>;
  /** Pure: decides what the reading means, in a summary and findings. No I/O, no clock but context.now. */
  judge(data: z.output<D>, params: z.output<P>, context: ProbeContext<z.output<D>>): Judgement;
  /** The dependency's own answer time, when the reading measured it; the run's duration otherwise. */
  latency?(data: z.output<D>): number | undefined;
  /** One number per reading worth drawing over the history window (a queue's depth). */
  series?(data: z.output<D>): number | undefined;
  /** What the service page's panels draw from this reading. */
  view?(data: z.output<D>, params: z.output<P>): PanelView;
}

export function defineProbe<K extends DependencyKind, P extends z.ZodObject, D extends z.ZodType>(
  definition: ProbeDefinition<K, P, D>,
): ProbeDefinition<K, P, D> {
  const taken = Object.keys(definition.params.shape).filter((key) => (INSTANCE_KEYS as readonly string[]).includes(key));
  if (taken.length > 0) throw new Error(`${definition.id}: parameter ${taken.join(", ")} is an instance key (${INSTANCE_KEYS.join(", ")}); name it for what it is`);
  return definition;
}
