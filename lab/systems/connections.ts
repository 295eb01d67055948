import { jetstream, type JetStreamClient } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import pg from "pg";
import { via, type ProxyName } from "../lab-config";

/** The connections of one lab system, through its own fault proxies, recovering on their own as real services do. */

export function labPool(proxy: ProxyName, applicationName: string, max = 5): pg.Pool {
  const pool = new pg.Pool({ connectionString: via.postgres(proxy), application_name: applicationName, max, connectionTimeoutMillis: 1_000, idleTimeoutMillis: 10_000 });
  pool.on("error", () => undefined);
  return pool;
}

export function labRedis(proxy: ProxyName, connectionName: string): Redis {
  const redis = new Redis(via.redis(proxy), {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 200, 1_000),
  });
  redis.on("error", () => undefined);
  return redis;
}

export class LabNats {
  nc: NatsConnection | undefined;
  private connecting: Promise<NatsConnection> | undefined;

  constructor(
    private readonly proxy: ProxyName,
    private readonly name: string,
  ) {}

  /** Connected, or an error: callers treat it like any outage. */
  async connection(): Promise<NatsConnection> {
    if (this.nc && !this.nc.isClosed()) return this.nc;
    this.connecting ??= connect({ servers: via.nats(this.proxy), name: this.name, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 1_000 })
      .then((nc) => {
        this.reconnecting = false;
        this.watch(nc);
        return (this.nc = nc);
      })
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async js(): Promise<JetStreamClient> {
    return jetstream(await this.connection());
  }

  get connected(): boolean {
    return Boolean(this.nc && !this.nc.isClosed() && this.nc.info && !this.reconnecting);
  }

  reconnecting = false;

  private watch(nc: NatsConnection) {
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === "disconnect" || status.type === "reconnecting") this.reconnecting = true;
        if (status.type === "reconnect") this.reconnecting = false;
      }
    })();
  }

  async close(): Promise<void> {
    await this.nc?.close().catch(() => undefined);
    this.nc = undefined;
  }
}

/** Resolves with the work's result, or rejects after `ms`: health checks must answer even when a dependency hangs. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms))),
  ]);
}

export async function checkAll(checks: Record<string, () => Promise<unknown>>): Promise<Record<string, { ok: boolean; ms: number; error?: string }>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = performance.now();
      try {
        await within(800, check());
        return [name, { ok: true, ms: Math.round((performance.now() - started) * 10) / 10 }] as const;
      } catch (error) {
        return [name, { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** The three checks a system's /health runs against what it is connected to. */
export function connectionChecks(pool: pg.Pool, redis: Redis, nats: LabNats) {
  return {
    database: () => pool.query("SELECT 1"),
    redis: () => redis.ping(),
    nats: async () => (await nats.connection()).flush(),
  };
}

/** Stops a system's loops and server, then lets go of its connections. */
export async function shutDown(loops: { stop: () => void }[], http: { stop: () => Promise<void> }, nats: LabNats, redis?: Redis, pool?: pg.Pool) {
  for (const loop of loops) loop.stop();
  await http.stop();
  await nats.close();
  redis?.disconnect();
  await pool?.end().catch(() => undefined);
}

export interface LabSystem {
  id: string;
  title: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
