import type { z } from "zod";
import type { HttpClient } from "@/lib/clients/http";
import type { NatsClient } from "@/lib/clients/nats";
import type { PostgresClient } from "@/lib/clients/postgres";
import type { RedisClient } from "@/lib/clients/redis";
import type { CommandTarget } from "./commands";
import type { FindingDefinition, RaisedFinding } from "./define-finding";
import type { RunStatus } from "./status";

export const DEPENDENCY_KINDS = ["postgres", "redis", "nats", "http"] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

export interface ClientOf {
  postgres: PostgresClient;
  redis: RedisClient;
  nats: NatsClient;
  http: HttpClient;
}

/** What a probe concludes from one read. */
export interface ProbeOutcome<Data> {
  status: RunStatus;
  summary: string;
  data: Data;
  /** The dependency's own answer time when the probe measured it; the run's duration otherwise. */
  latencyMs?: number;
  /** The known problems this reading shows. */
  findings?: RaisedFinding[];
}

export interface RunContext<Data> {
  /** The previous result of this probe instance, for readings that are deltas between two runs. */
  previous?: { data: Data; checkedAt: string };
  /** Earlier readings of this instance that had data, oldest first (the history window). */
  history: readonly { data: Data; checkedAt: string }[];
}

export interface ProbeDefinition<
  K extends DependencyKind = DependencyKind,
  P extends z.ZodObject = z.ZodObject,
  D extends z.ZodType = z.ZodType,
> {
  /** Stable id used in the estate file and the API, "<kind>.<what>". */
  id: string;
  title: string;
  kind: K;
  /** The parameters an estate file may set on this probe; their defaults apply when absent. */
  params: P;
  data: D;
  /** The known problems this probe can raise, listed for the catalog and the error lookup. */
  findings: FindingDefinition[];
  /** The command an engineer would run to check the same thing by hand. */
  command(target: CommandTarget, params: z.output<P>): string;
  /** One number per reading worth drawing over the history window (a queue's depth). */
  series?(data: z.output<D>): number | undefined;
  run(client: ClientOf[K], params: z.output<P>, signal: AbortSignal, context: RunContext<z.output<D>>): Promise<ProbeOutcome<z.output<D>>>;
}

export function defineProbe<K extends DependencyKind, P extends z.ZodObject, D extends z.ZodType>(
  definition: ProbeDefinition<K, P, D>,
): ProbeDefinition<K, P, D> {
  return definition;
}
