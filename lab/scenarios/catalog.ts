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
import authKongDown from "./auth-kong-down";
import birbNestHitRateFalling from "./birb-nest-hit-rate-falling";
import birbNestLongRunningQuery from "./birb-nest-long-running-query";
import birbNestRedisNearMaxmemory from "./birb-nest-redis-near-maxmemory";
import birbNestRedisUnreachable from "./birb-nest-redis-unreachable";
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
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}
