import { connect } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import pg from "pg";
import { BirbRedis } from "./birb-redis";
import { FaultProxy } from "./fault-proxy";
import { DIRECT, PROXIES, type ProxyName } from "./lab-config";
import { prepareLab } from "./prepare";
import { SCENARIOS, findScenario } from "./scenarios/catalog";
import type { LabContext, Scenario } from "./scenarios/scenario";
import { AgentAuri } from "./systems/agentauri";
import { AuthToken } from "./systems/auth-token";
import { BirbNest } from "./systems/birb-nest";
import { TicketService } from "./systems/ticket-service";
import { UserSync } from "./systems/user-sync";

export class UnknownScenarioError extends Error {
  constructor(id: string) {
    super(`no scenario "${id}"; known: ${SCENARIOS.map((s) => s.id).join(", ")}`);
  }
}

/** The five seed systems running for real, and the scenarios that trouble them. */
export class Lab {
  private readonly applied = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly context: LabContext,
    private readonly birbRedis: BirbRedis,
  ) {}

  static async start(): Promise<Lab> {
    const birbRedis = new BirbRedis();
    await birbRedis.start();
    await prepareLab();
    const proxies = Object.fromEntries(
      Object.entries(PROXIES).map(([name, { port, target }]) => [name, new FaultProxy(name, port, target)]),
    ) as Record<ProxyName, FaultProxy>;
    await Promise.all(Object.values(proxies).map((proxy) => proxy.start()));
    const systems = { userSync: new UserSync(), birbNest: new BirbNest(), authToken: new AuthToken(), ticketService: new TicketService(), agentAuri: new AgentAuri() };
    for (const system of Object.values(systems)) await system.start();
    const context: LabContext = {
      systems,
      proxies,
      db: new pg.Pool({ connectionString: DIRECT.postgres, application_name: "lantern-lab", max: 4 }),
      redis: new Redis(DIRECT.redis),
      birbRedis: new Redis(DIRECT.birbRedis),
      nats: await connect({ servers: DIRECT.nats, name: "lantern-lab" }),
      held: new Map(),
    };
    return new Lab(context, birbRedis);
  }

  list(): (Pick<Scenario, "id" | "system" | "title" | "description" | "expect"> & { applied: boolean })[] {
    return SCENARIOS.map(({ id, system, title, description, expect }) => ({ id, system, title, description, expect, applied: this.applied.has(id) }));
  }

  /** Applying an applied scenario does nothing; scenario changes run one at a time. */
  async apply(id: string): Promise<boolean> {
    const scenario = this.scenario(id);
    return this.serially(async () => {
      if (this.applied.has(id)) return false;
      await scenario.apply(this.context);
      this.applied.add(id);
      return true;
    });
  }

  async revert(id: string): Promise<boolean> {
    const scenario = this.scenario(id);
    return this.serially(async () => {
      if (!this.applied.has(id)) return false;
      await scenario.revert(this.context);
      this.applied.delete(id);
      return true;
    });
  }

  /** Every system back to healthy from any state: each scenario reverted, the data prepared afresh. */
  reset(): Promise<void> {
    return this.serially(async () => {
      for (const scenario of SCENARIOS) await scenario.revert(this.context).catch(() => undefined);
      this.applied.clear();
      for (const release of this.context.held.values()) await release().catch(() => undefined);
      this.context.held.clear();
      this.context.systems.authToken.reset();
      await prepareLab();
    });
  }

  async stop(): Promise<void> {
    await this.reset().catch(() => undefined);
    const { systems, proxies, db, redis, birbRedis, nats } = this.context;
    for (const system of Object.values(systems)) await system.stop().catch(() => undefined);
    await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
    await db.end().catch(() => undefined);
    redis.disconnect();
    birbRedis.disconnect();
    await nats.close().catch(() => undefined);
    await this.birbRedis.stop();
  }

  private scenario(id: string): Scenario {
    const scenario = findScenario(id);
    if (!scenario) throw new UnknownScenarioError(id);
    return scenario;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
