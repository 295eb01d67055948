import { jetstreamManager, AckPolicy, RetentionPolicy, StorageType, type StreamConfig } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import pg from "pg";
import { DIRECT, LAB_DATABASE } from "./lab-config";
import { BIRB_KEYS } from "./systems/birb-nest";

const SCHEMA = `
-- S0 user-sync
CREATE TABLE IF NOT EXISTS users (
  auth_id text PRIMARY KEY,
  email text NOT NULL,
  role text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE users ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;

-- S1 Birb Nest
CREATE TABLE IF NOT EXISTS cache_entries (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- S4 AgentAuri
CREATE TABLE IF NOT EXISTS events (
  id bigserial PRIMARY KEY,
  chain_id integer NOT NULL,
  block_number bigint NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION notify_new_event() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('new_event', NEW.id::text);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS notify_new_event_trigger ON events;
CREATE TRIGGER notify_new_event_trigger AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION notify_new_event();
CREATE TABLE IF NOT EXISTS processed_events (
  event_id bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  processed_at timestamptz NOT NULL DEFAULT now(),
  processing_duration_ms integer NOT NULL,
  triggers_matched integer NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS triggers (
  id text PRIMARY KEY,
  name text NOT NULL,
  action text NOT NULL,
  enabled boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS circuit_breaker_state (
  trigger_id text PRIMARY KEY REFERENCES triggers (id),
  state text NOT NULL DEFAULT 'closed' CHECK (state IN ('closed', 'open', 'half_open')),
  failure_count integer NOT NULL DEFAULT 0,
  success_count integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz,
  opened_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS api_keys (
  id bigserial PRIMARY KEY,
  key_prefix text NOT NULL UNIQUE,
  key_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;

const HEALTHY_DATA = `
TRUNCATE events, processed_events RESTART IDENTITY CASCADE;
INSERT INTO triggers (id, name, action) VALUES
  ('trg_webhook_payments', 'Payment webhook', 'rest'),
  ('trg_telegram_alerts', 'Telegram alerts', 'telegram'),
  ('trg_mcp_sync', 'MCP sync', 'mcp')
ON CONFLICT (id) DO UPDATE SET enabled = true;
INSERT INTO circuit_breaker_state (trigger_id) SELECT id FROM triggers ON CONFLICT (trigger_id) DO NOTHING;
UPDATE circuit_breaker_state SET state = 'closed', failure_count = 0, success_count = 0, last_failure_at = NULL, opened_at = NULL, updated_at = now();
INSERT INTO api_keys (key_prefix, key_hash) VALUES ('sk_test_lab0', md5('sk_test_lab0000000000000000'))
ON CONFLICT (key_prefix) DO UPDATE SET is_active = true, revoked_at = NULL, expires_at = NULL;
ALTER TABLE events ENABLE TRIGGER notify_new_event_trigger;
`;

export const STREAMS: (Partial<StreamConfig> & { name: string })[] = [
  { name: "user_sync", subjects: ["user.sync"], max_age: 3_600e9, max_bytes: 64 * 1024 * 1024 },
  { name: "BIRB_CACHE", subjects: ["cache.persist.*"], max_msgs: 1_000_000, max_age: 3_600e9 },
  { name: "BIRB_CACHE_DLQ", subjects: ["cache.dlq.*"], max_age: 7 * 86_400e9 },
  { name: "TICKETS", subjects: ["tickets.work.*"], retention: RetentionPolicy.Workqueue, max_age: 3_600e9 },
];

export const CONSUMERS = [
  { stream: "user_sync", durable_name: "go-user-sync", max_deliver: 5, ack_wait: 5e9 },
  { stream: "BIRB_CACHE", durable_name: "birb-worker", max_deliver: 3, ack_wait: 5e9 },
  { stream: "TICKETS", durable_name: "ticket-worker", max_deliver: 5, ack_wait: 5e9 },
];

async function prepareDatabase() {
  const admin = new pg.Client({ connectionString: DIRECT.postgresAdmin, application_name: "lantern-lab" });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [LAB_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${LAB_DATABASE}`);
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: DIRECT.postgres, application_name: "lantern-lab" });
  await db.connect();
  try {
    await db.query(SCHEMA);
    await db.query(HEALTHY_DATA);
    await db.query(
      "INSERT INTO cache_entries (key, value) SELECT key, jsonb_build_object('wingspan', i) FROM unnest($1::text[]) WITH ORDINALITY AS k(key, i) ON CONFLICT (key) DO NOTHING",
      [BIRB_KEYS],
    );
    await db.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE 'lantern_lab%' AND NOT active");
  } finally {
    await db.end();
  }
}

/** Every lab stream and durable consumer as the systems expect them; purged too when asked. */
export async function restoreStreams(nc: NatsConnection, { purge }: { purge: boolean }): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const config of STREAMS) {
    const full = { storage: StorageType.File, retention: RetentionPolicy.Limits, ...config };
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, full);
    } catch {
      await jsm.streams.add(full);
    }
    if (purge) await jsm.streams.purge(config.name);
  }
  for (const { stream, ...consumer } of CONSUMERS) {
    const exists = await jsm.consumers.info(stream, consumer.durable_name).then(() => true, () => false);
    if (exists && !purge) continue;
    if (exists) await jsm.consumers.delete(stream, consumer.durable_name);
    await jsm.consumers.add(stream, { ...consumer, ack_policy: AckPolicy.Explicit });
  }
}

async function prepareStreams() {
  const nc = await connect({ servers: DIRECT.nats, name: "lantern-lab" });
  try {
    await restoreStreams(nc, { purge: true });
  } finally {
    await nc.close();
  }
}

async function prepareRedis({ birbRedis }: { birbRedis: boolean }) {
  await flush(DIRECT.redis);
  if (birbRedis) await flush(DIRECT.birbRedis, warm);
}

/** Birb Nest starts warm, as a cache that has been running a while. */
function warm(redis: Redis) {
  return BIRB_KEYS.reduce((pipe, key, i) => pipe.set(`birb:${key}`, JSON.stringify({ wingspan: i }), "EX", 600), redis.pipeline()).exec();
}

/** One connection attempt and no reconnecting: a Redis that is gone fails the preparation instead of being retried for ever. */
async function flush(url: string, fill?: (redis: Redis) => Promise<unknown>) {
  const redis = new Redis(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 2_000 });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.flushdb();
    await fill?.(redis);
  } finally {
    redis.disconnect();
  }
}

/**
 * Brings the lab's data to a healthy start: schema as the systems expect it, empty streams and queues. Safe to run again.
 * A stopping lab leaves Birb Nest's Redis out: it is deleted with its folder, and may be dead already.
 */
export async function prepareLab({ birbRedis = true }: { birbRedis?: boolean } = {}): Promise<void> {
  await prepareDatabase();
  await prepareStreams();
  await prepareRedis({ birbRedis });
}
