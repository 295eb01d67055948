import type { NatsConnection } from "@nats-io/transport-node";
import type { Redis } from "ioredis";
import type pg from "pg";
import type { FaultProxy } from "../fault-proxy";
import type { ProxyName } from "../lab-config";
import type { AgentAuri } from "../systems/agentauri";
import type { AuthToken } from "../systems/auth-token";
import type { BirbNest } from "../systems/birb-nest";
import type { TicketService } from "../systems/ticket-service";
import type { UserSync } from "../systems/user-sync";

/** What a running lab offers a scenario: its systems, their proxies, and direct connections to the real services. */
export interface LabContext {
  systems: { userSync: UserSync; birbNest: BirbNest; authToken: AuthToken; ticketService: TicketService; agentAuri: AgentAuri };
  proxies: Record<ProxyName, FaultProxy>;
  db: pg.Pool;
  redis: Redis;
  birbRedis: Redis;
  nats: NatsConnection;
  /** Things a scenario holds while applied (connections, open transactions), released on revert. */
  held: Map<string, () => Promise<void>>;
}

/** What Lantern must show while the scenario is applied: a dependency's or service's status word, or a finding. */
export type Expectation =
  | { dependency: string; status: "ok" | "warn" | "crit" | "down" | "error" }
  | { service: string; status: "ok" | "degraded" | "down" };

export interface Scenario {
  id: string;
  /** The seed system it troubles, by its service id in the demo estate. */
  system: "user-sync" | "birb-nest" | "auth-token" | "ticket-service" | "agentauri";
  title: string;
  /** What it does to the real dependencies, in a sentence. */
  description: string;
  expect: Expectation[];
  apply(lab: LabContext): Promise<void>;
  revert(lab: LabContext): Promise<void>;
}

export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** A scenario that cuts one system off from one dependency through its proxy. */
export function unreachable(proxy: ProxyName, mode: "refuse" | "hang" = "refuse") {
  return {
    apply: (lab: LabContext) => lab.proxies[proxy].set(mode),
    revert: (lab: LabContext) => lab.proxies[proxy].set("pass"),
  };
}
