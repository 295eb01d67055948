import type { FindingDefinition } from "@/lib/probe-kit/define-finding";
import type { FixDefinition } from "@/lib/probe-kit/define-fix";
import type { DependencyKind, ProbeDefinition } from "@/lib/probe-kit/define-probe";
import { AUTH_ERROR_FINDINGS } from "./http/auth-errors";
import { HTTP_KNOWN_ERRORS } from "./http/known-errors";
import { NATS_KNOWN_ERRORS } from "./nats/known-errors";
import { POSTGRES_KNOWN_ERRORS } from "./postgres/known-errors";
import { REDIS_KNOWN_ERRORS } from "./redis/known-errors";
import { httpBreakers } from "./http/breakers";
import { httpHealth } from "./http/health";
import { httpJson } from "./http/json";
import { httpLag } from "./http/lag";
import { httpLatencySla } from "./http/latency-sla";
import { httpPrometheus } from "./http/prometheus";
import { httpSecurityHeaders } from "./http/security-headers";
import { httpTls } from "./http/tls";
import { httpTraceContext } from "./http/trace-context";
import { httpUnreachable } from "./http/unreachable";
import { natsConsumer } from "./nats/consumer";
import { natsJetstream } from "./nats/jetstream";
import { natsReachable } from "./nats/reachable";
import { natsRequest } from "./nats/request";
import { natsStream } from "./nats/stream";
import { natsSubjectActivity } from "./nats/subject-activity";
import { natsUnreachable } from "./nats/unreachable";
import { postgresBlockedQueries } from "./postgres/blocked-queries";
import { postgresBreakers } from "./postgres/breakers";
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
  postgresBreakers,
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
  natsJetstream,
  natsStream,
  natsConsumer,
  natsSubjectActivity,
  natsRequest,
  httpHealth,
  httpJson,
  httpPrometheus,
  httpBreakers,
  httpLatencySla,
  httpTls,
  httpSecurityHeaders,
  httpTraceContext,
  httpLag,
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

/** Every known problem, once: what the probes raise, what the engine raises, and what only the error lookup answers. */
export const FINDINGS: FindingDefinition[] = [
  ...new Map(
    [
      ...Object.values(UNREACHABLE),
      ...PROBES.flatMap((probe) => probe.findings),
      ...AUTH_ERROR_FINDINGS.values(),
      ...([...POSTGRES_KNOWN_ERRORS, ...REDIS_KNOWN_ERRORS, ...NATS_KNOWN_ERRORS, ...HTTP_KNOWN_ERRORS] as unknown as FindingDefinition[]),
    ].map((f) => [f.id, f]),
  ).values(),
];

/** Every guided fix, from the findings that offer them. */
export const FIXES: FixDefinition[] = [...new Set(FINDINGS.flatMap((finding) => finding.fixes ?? []))];

const FIX_BY_ID = new Map(FIXES.map((fix) => [fix.id, fix]));

export function findFix(id: string): FixDefinition | undefined {
  return FIX_BY_ID.get(id);
}
