import type { FindingDefinition } from "@/lib/probe-kit/define-finding";
import type { DependencyKind, ProbeDefinition } from "@/lib/probe-kit/define-probe";
import { httpHealth } from "./http/health";
import { httpUnreachable } from "./http/unreachable";
import { natsReachable } from "./nats/reachable";
import { natsUnreachable } from "./nats/unreachable";
import { postgresBlockedQueries } from "./postgres/blocked-queries";
import { postgresCacheHitRatio } from "./postgres/cache-hit-ratio";
import { postgresConnections } from "./postgres/connections";
import { postgresExpectedClients } from "./postgres/expected-clients";
import { postgresIdleInTransaction } from "./postgres/idle-in-transaction";
import { postgresLongRunningQueries } from "./postgres/long-running-queries";
import { postgresQuery } from "./postgres/query";
import { postgresReachable } from "./postgres/reachable";
import { postgresReplication } from "./postgres/replication";
import { postgresSchema } from "./postgres/schema";
import { postgresSlowStatements } from "./postgres/slow-statements";
import { postgresTls } from "./postgres/tls";
import { postgresTriggers } from "./postgres/triggers";
import { postgresWraparound } from "./postgres/wraparound";
import { postgresUnreachable } from "./postgres/unreachable";
import { redisClients } from "./redis/clients";
import { redisHitRate } from "./redis/hit-rate";
import { redisKeys } from "./redis/keys";
import { redisLatency } from "./redis/latency";
import { redisMemory } from "./redis/memory";
import { redisPersistence } from "./redis/persistence";
import { redisQueue } from "./redis/queue";
import { redisReachable } from "./redis/reachable";
import { redisReplication } from "./redis/replication";
import { redisUnreachable } from "./redis/unreachable";

/** Every probe Lantern knows. A new probe is one file in its kind's folder and one line here. */
export const PROBES = [
  postgresReachable,
  postgresConnections,
  postgresIdleInTransaction,
  postgresLongRunningQueries,
  postgresBlockedQueries,
  postgresReplication,
  postgresWraparound,
  postgresCacheHitRatio,
  postgresSlowStatements,
  postgresSchema,
  postgresTriggers,
  postgresExpectedClients,
  postgresTls,
  postgresQuery,
  redisReachable,
  redisMemory,
  redisClients,
  redisPersistence,
  redisLatency,
  redisReplication,
  redisHitRate,
  redisQueue,
  redisKeys,
  natsReachable,
  httpHealth,
] as const satisfies readonly ProbeDefinition[];

/** What a dependency runs when its estate entry lists no probes. */
export const DEFAULT_PROBES: Record<DependencyKind, string[]> = {
  postgres: ["postgres.reachable"],
  redis: ["redis.reachable"],
  nats: ["nats.reachable"],
  http: ["http.health"],
};

const BY_ID = new Map<string, ProbeDefinition>(PROBES.map((probe) => [probe.id, probe as ProbeDefinition]));

export function findProbe(id: string): ProbeDefinition | undefined {
  return BY_ID.get(id);
}

export function probesOfKind(kind: DependencyKind): ProbeDefinition[] {
  return PROBES.filter((probe) => probe.kind === kind) as ProbeDefinition[];
}

/** Raised on a dependency whenever one of its probes is down. */
export const UNREACHABLE: Record<DependencyKind, FindingDefinition> = {
  postgres: postgresUnreachable as unknown as FindingDefinition,
  redis: redisUnreachable as unknown as FindingDefinition,
  nats: natsUnreachable as unknown as FindingDefinition,
  http: httpUnreachable as unknown as FindingDefinition,
};

/** Every known problem, once: what the probes raise and what the engine raises for them. */
export const FINDINGS: FindingDefinition[] = [
  ...new Map([...Object.values(UNREACHABLE), ...PROBES.flatMap((probe) => probe.findings)].map((f) => [f.id, f])).values(),
];
