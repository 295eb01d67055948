/**
 * Where the lab lives. One lab per machine: its data have fixed names
 * (database lantern_lab, Redis database 10, the seeds' streams and keys),
 * so its ports are fixed too.
 */
export const LAB_HOST = "127.0.0.1";

export const PORTS = {
  control: 7400,
  userSync: 7401,
  birbNest: 7402,
  authToken: 7403,
  kong: 7404,
  ticketService: 7405,
  agentAuriApi: 7406,
  indexer: 7407,
  chainRpc: 7408,
} as const;

/** Each system reaches its dependencies through a fault proxy of its own, so one system can lose one dependency. */
export const PROXIES = {
  "user-sync.postgres": { port: 7410, target: 5432 },
  "user-sync.redis": { port: 7411, target: 6379 },
  "user-sync.nats": { port: 7412, target: 4222 },
  "birb-nest.postgres": { port: 7413, target: 5432 },
  "birb-nest.redis": { port: 7414, target: 7420 },
  "birb-nest.nats": { port: 7415, target: 4222 },
  "auth-token.redis": { port: 7416, target: 6379 },
  "ticket-service.nats": { port: 7417, target: 4222 },
  "agentauri.postgres": { port: 7418, target: 5432 },
  "agentauri.redis": { port: 7419, target: 6379 },
} as const;

export type ProxyName = keyof typeof PROXIES;

/**
 * Birb Nest's Redis is a redis-server of the lab's own (AOF on, maxmemory set, as
 * its guide runs it), so memory and persistence trouble never touch the machine's Redis.
 */
export const BIRB_REDIS_PORT = 7420;

export const LAB_DATABASE = "lantern_lab";
export const LAB_REDIS_DB = 10;

/** Straight to the machine's services, for preparing data and for scenarios. */
export const DIRECT = {
  postgres: `postgres://postgres@${LAB_HOST}:5432/${LAB_DATABASE}`,
  postgresAdmin: `postgres://postgres@${LAB_HOST}:5432/postgres`,
  redis: `redis://${LAB_HOST}:6379/${LAB_REDIS_DB}`,
  birbRedis: `redis://${LAB_HOST}:${BIRB_REDIS_PORT}/${LAB_REDIS_DB}`,
  nats: `${LAB_HOST}:4222`,
};

/** Through a system's own proxy, as the system itself connects. */
export const via = {
  postgres: (name: ProxyName) => `postgres://postgres@${LAB_HOST}:${PROXIES[name].port}/${LAB_DATABASE}`,
  redis: (name: ProxyName) => `redis://${LAB_HOST}:${PROXIES[name].port}/${LAB_REDIS_DB}`,
  nats: (name: ProxyName) => `${LAB_HOST}:${PROXIES[name].port}`,
};

/** Secrets the lab's systems use; the demo estate reads them from the environment like a real one. */
export const LAB_SECRETS = {
  userSyncJwtSecret: process.env.LAB_USER_SYNC_JWT_SECRET ?? "lab-user-sync-secret-change-me",
  agentAuriApiKey: process.env.LAB_AGENTAURI_API_KEY ?? "sk_test_lab0000000000000000",
};

/** Shorter than production so game day does not wait a minute for a breaker. */
export const BREAKER = { windowMs: 10_000, failureRatio: 0.5, minimumCalls: 4, openMs: 5_000 };
