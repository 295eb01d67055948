import type { NatsConnection } from "@nats-io/transport-node";
import type { Redis } from "ioredis";
import pg from "pg";
import type { FaultProxy } from "../fault-proxy";
import { DIRECT, type ProxyName } from "../lab-config";
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
  | { service: string; status: "ok" | "degraded" | "down" }
  | { finding: string; on: string };

export interface Scenario {
  id: string;
  /** The seed system it troubles, by its service id in the demo estate. */
  system: "user-sync" | "birb-nest" | "auth-token" | "ticket-service" | "agentauri";
  title: string;
  /** What it does to the real dependencies, in a sentence. */
  description: string;
  expect: Expectation[];
  /**
   * How long the trouble takes to exist by its own definition once applied (a
   * transaction must be idle for the threshold, a time window must empty);
   * Lantern's two intervals count from there.
   */
  settleMs?: number;
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

/** A direct session of the lab's own, named as the system it stands in for, kept until revert. */
export async function hold(lab: LabContext, name: string, open: () => Promise<() => Promise<void>>): Promise<void> {
  if (lab.held.has(name)) return;
  lab.held.set(name, await open());
}

export async function release(lab: LabContext, name: string): Promise<void> {
  const close = lab.held.get(name);
  lab.held.delete(name);
  await close?.();
}

/** A session straight to the lab database, under the application name of whoever it plays. */
export async function session(application: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DIRECT.postgres, application_name: application });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}
