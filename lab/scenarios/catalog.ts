import agentauriApi503 from "./agentauri-api-503";
import agentauriEventsNotProcessed from "./agentauri-events-not-processed";
import agentauriIdleInTransaction from "./agentauri-idle-in-transaction";
import agentauriInactiveReplicationSlot from "./agentauri-inactive-replication-slot";
import agentauriListenerGone from "./agentauri-listener-gone";
import agentauriLockWait from "./agentauri-lock-wait";
import agentauriPoolExhaustion from "./agentauri-pool-exhaustion";
import agentauriQueueOverCrit from "./agentauri-queue-over-crit";
import agentauriQueueOverWarn from "./agentauri-queue-over-warn";
import agentauriTriggerDisabled from "./agentauri-trigger-disabled";
import authBreakerStuckOpen from "./auth-breaker-stuck-open";
import authKongDown from "./auth-kong-down";
import birbNestHitRateFalling from "./birb-nest-hit-rate-falling";
import birbNestLongRunningQuery from "./birb-nest-long-running-query";
import birbNestRateLimited from "./birb-nest-rate-limited";
import birbNestRedisNearMaxmemory from "./birb-nest-redis-near-maxmemory";
import birbNestRedisUnreachable from "./birb-nest-redis-unreachable";
import birbNestStreamMissing from "./birb-nest-stream-missing";
import userSyncDottedStreamName from "./user-sync-dotted-stream-name";
import userSyncConsumerDeleted from "./user-sync-consumer-deleted";
import birbNestConsumerStalled from "./birb-nest-consumer-stalled";
import userSyncRedeliveryLoop from "./user-sync-redelivery-loop";
import birbNestDlqFilling from "./birb-nest-dlq-filling";
import ticketServiceBacklogGrowing from "./ticket-service-backlog-growing";
import userSyncPublisherSilent from "./user-sync-publisher-silent";
import ticketServiceResponderGone from "./ticket-service-responder-gone";
import authStaleCacheOnly from "./auth-stale-cache-only";
import authMemoryHigh from "./auth-memory-high";
import ticketServiceErrorRatio from "./ticket-service-error-ratio";
import agentauriBreakersOpen from "./agentauri-breakers-open";
import agentauriHstsMissing from "./agentauri-hsts-missing";
import agentauriIndexerLagging from "./agentauri-indexer-lagging";
import userSyncIgnoresTraceparent from "./user-sync-ignores-traceparent";
import type { Scenario } from "./scenario";
import ticketServiceStopped from "./ticket-service-stopped";
import userSyncKeysWithoutTtl from "./user-sync-keys-without-ttl";
import userSyncMissingColumn from "./user-sync-missing-column";
import userSyncRedisDown from "./user-sync-redis-down";

/** Every scenario the lab can apply; a new one is a file beside this and a line here. */
export const SCENARIOS: Scenario[] = [
  userSyncRedisDown,
  userSyncMissingColumn,
  userSyncKeysWithoutTtl,
  birbNestRedisUnreachable,
  birbNestLongRunningQuery,
  birbNestRedisNearMaxmemory,
  birbNestHitRateFalling,
  authKongDown,
  ticketServiceStopped,
  agentauriApi503,
  agentauriPoolExhaustion,
  agentauriIdleInTransaction,
  agentauriLockWait,
  agentauriTriggerDisabled,
  agentauriListenerGone,
  agentauriEventsNotProcessed,
  agentauriQueueOverWarn,
  agentauriQueueOverCrit,
  agentauriInactiveReplicationSlot,
  birbNestStreamMissing,
  userSyncDottedStreamName,
  userSyncConsumerDeleted,
  birbNestConsumerStalled,
  userSyncRedeliveryLoop,
  birbNestDlqFilling,
  ticketServiceBacklogGrowing,
  userSyncPublisherSilent,
  ticketServiceResponderGone,
  authStaleCacheOnly,
  authMemoryHigh,
  ticketServiceErrorRatio,
  agentauriBreakersOpen,
  agentauriHstsMissing,
  agentauriIndexerLagging,
  userSyncIgnoresTraceparent,
  birbNestRateLimited,
  authBreakerStuckOpen,
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}
