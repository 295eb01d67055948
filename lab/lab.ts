import { connect } from "@nats-io/transport-node";
import { Redis, type RedisOptions } from "ioredis";
import pg from "pg";
import { BirbRedis } from "./birb-redis";
import { FaultProxy } from "./fault-proxy";
import { DIRECT, PROXIES, type ProxyName } from "./lab-config";
import { prepareLab } from "./prepare";
import { bounded, STEP_MS } from "./stopping";
import { SCENARIOS, findScenario } from "./scenarios/catalog";
import type { LabContext, Scenario } from "./scenarios/scenario";
import { AgentAuri } from "./systems/agentauri";
import { AuthToken } from "./systems/auth-token";
import { BirbNest } from "./systems/birb-nest";
import { TicketService } from "./systems/ticket-service";
import { UserSync } from "./systems/user-sync";

/** Reverting every scenario and preparing the data afresh takes a second or two on a healthy machine. */
const RESET_MS = 5_000;

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
      redis: quietRedis(DIRECT.redis),
      // Birb Nest's redis-server lives and dies with the lab: once it is gone it stays
      // gone, and commands fail within a second instead of queueing for its return.
      birbRedis: quietRedis(DIRECT.birbRedis, { retryStrategy: (times) => (times > 5 ? null : 200) }),
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
    return this.serially(() => this.restore({ birbRedis: true }));
  }

  /**
   * Resets the lab's data, then stops everything, no step waiting longer than a
   * few seconds. Resolves with why the data could not be reset, if they could not.
   */
  async stop(): Promise<Error | undefined> {
    const { systems, proxies, db, redis, birbRedis, nats } = this.context;
    // Birb Nest's redis-server goes with its folder, and a signal to the demo's whole
    // process group has killed it already: the reset leaves it out.
    const notReset = await bounded("resetting the lab's data", this.serially(() => this.restore({ birbRedis: false })), RESET_MS);
    redis.disconnect();
    birbRedis.disconnect();
    await Promise.all([
      ...Object.values(systems).map((system) => bounded(`stopping ${system.title}`, system.stop())),
      ...Object.values(proxies).map((proxy) => bounded(`stopping the ${proxy.name} proxy`, proxy.stop())),
      bounded("closing the lab's Postgres pool", db.end()),
      bounded("closing the lab's NATS connection", nats.close()),
      // Room for both of terminate()'s waits: the stop is not to end while the redis-server may still run.
      bounded("stopping Birb Nest's redis-server", this.birbRedis.stop(), 2 * STEP_MS),
    ]);
    return notReset;
  }

  /** Every scenario reverted and the data prepared afresh. */
  private async restore(which: { birbRedis: boolean }) {
    for (const scenario of SCENARIOS) await scenario.revert(this.context).catch(() => undefined);
    this.applied.clear();
    for (const release of this.context.held.values()) await release().catch(() => undefined);
    this.context.held.clear();
    this.context.systems.authToken.reset();
    await prepareLab(which);
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

/** The lab's own clients: a failure shows in the command that met it, never as an unhandled "error" event. */
function quietRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, options);
  redis.on("error", () => undefined);
  return redis;
}
