import agentauriApi503 from "./agentauri-api-503";
import authKongDown from "./auth-kong-down";
import birbNestRedisUnreachable from "./birb-nest-redis-unreachable";
import type { Scenario } from "./scenario";
import ticketServiceStopped from "./ticket-service-stopped";
import userSyncRedisDown from "./user-sync-redis-down";

/** Every scenario the lab can apply; a new one is a file beside this and a line here. */
export const SCENARIOS: Scenario[] = [userSyncRedisDown, birbNestRedisUnreachable, authKongDown, ticketServiceStopped, agentauriApi503];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}
