import type { IncomingMessage } from "node:http";
import type { Redis } from "ioredis";
import pg from "pg";
import { PORTS, via } from "../lab-config";
import { checkAll, labPool, labRedis, type LabSystem } from "./connections";
import { every, json, LabHttpService, type Reply } from "./http-kit";

export const SECURITY_HEADERS = {
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};
const RATE_LIMIT = 1_000;
const BREAKER_FAILURES_TO_OPEN = 5;
const BREAKER_OPEN_SECONDS = 15;

/**
 * S4 AgentAuri: events arrive in Postgres; the trigger notify_new_event_trigger
 * announces each on channel new_event; the event processor LISTENs (and polls
 * as a fallback), matches triggers and queues jobs on Redis list action_jobs;
 * action workers run them behind per-trigger breakers kept in
 * circuit_breaker_state. Beside it: an API with security and rate-limit
 * headers, and a chain indexer following the chain's head.
 */
export class AgentAuri implements LabSystem {
  readonly id = "agentauri";
  readonly title = "AgentAuri";
  readonly api = new LabHttpService("agentauri-api", PORTS.agentAuriApi);
  readonly indexer = new LabHttpService("agentauri-indexer", PORTS.indexer);
  readonly chain = new LabHttpService("chain-rpc", PORTS.chainRpc);
  readonly faults = { processorStopped: false, listenerStopped: false, workersStopped: false, failingTrigger: undefined as string | undefined, hstsOff: false, apiUnavailable: false, indexerStalled: false };

  private pool: pg.Pool | undefined;
  private redis: Redis | undefined;
  private listener: pg.Client | undefined;
  private loops: { stop: () => void }[] = [];
  private readonly started = Date.now();
  private indexedBlock = 0;
  private rateWindow = { start: Date.now(), used: 0 };

  constructor() {
    this.api.decorate = () => ({ ...(this.faults.hstsOff ? omit(SECURITY_HEADERS, "strict-transport-security") : SECURITY_HEADERS), ...this.rateHeaders() });
    this.api
      .on("GET", "/api/v1/health", () => this.health())
      .on("GET", "/api/v1/triggers", (request) => this.triggers(request));
    this.indexer.on("GET", "/status", () => json(200, { chainId: 84532, latestIndexedBlock: this.indexedBlock, syncing: !this.faults.indexerStalled }));
    this.chain.on("POST", "/", (_request, _url, body) => {
      const { id, method } = JSON.parse(body || "{}") as { id?: number; method?: string };
      if (method !== "eth_blockNumber") return json(200, { jsonrpc: "2.0", id, error: { code: -32601, message: "method not found" } });
      return json(200, { jsonrpc: "2.0", id: id ?? 1, result: `0x${this.chainHead().toString(16)}` });
    });
  }

  /** The chain moves one block a second from a fixed start. */
  chainHead(): number {
    return 12_000_000 + Math.floor((Date.now() - this.started) / 1000);
  }

  async start() {
    this.pool = labPool("agentauri.postgres", "agentauri-api", 8);
    this.redis = labRedis("agentauri.redis", "action-workers");
    this.indexedBlock = this.chainHead();
    await Promise.all([this.api.start(), this.indexer.start(), this.chain.start()]);
    await this.listen().catch(() => undefined);
    this.loops = [
      every(1_000, () => this.ingest()),
      every(1_000, () => this.poll()),
      every(200, () => this.work()),
      every(1_000, () => this.index()),
      every(2_000, () => this.halfOpenBreakers()),
    ];
  }

  async stop() {
    for (const loop of this.loops) loop.stop();
    await Promise.all([this.api.stop(), this.indexer.stop(), this.chain.stop()]);
    await this.dropListener();
    this.redis?.disconnect();
    await this.pool?.end().catch(() => undefined);
  }

  async setListener(on: boolean) {
    this.faults.listenerStopped = !on;
    if (on) await this.listen();
    else await this.dropListener();
  }

  /** The event processor's LISTEN connection, named so a DBA can find it. */
  private async listen() {
    if (this.listener || this.faults.listenerStopped) return;
    const client = new pg.Client({ connectionString: via.postgres("agentauri.postgres"), application_name: "event-processor", connectionTimeoutMillis: 1_000 });
    client.on("error", () => void this.dropListener());
    client.on("end", () => (this.listener = this.listener === client ? undefined : this.listener));
    // A notification's work that fails (the pool closing on stop, a reset connection) is left to the polling fallback.
    client.on("notification", (message) => void this.process(Number(message.payload)).catch(() => undefined));
    await client.connect();
    await client.query("LISTEN new_event");
    this.listener = client;
  }

  private async dropListener() {
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  /** The indexer writes what it saw on chain. */
  private async ingest() {
    const types = ["AgentRegistered", "FeedbackGiven", "ValidationRequested"];
    await this.pool!.query("INSERT INTO events (chain_id, block_number, event_type, payload) VALUES (84532, $1, $2, $3)", [
      this.indexedBlock,
      types[Math.floor(Math.random() * types.length)],
      JSON.stringify({ agent: Math.floor(Math.random() * 100) }),
    ]);
  }

  /** The polling fallback: whatever NOTIFY did not deliver, and the listener's reconnect. */
  private async poll() {
    await this.listen().catch(() => undefined);
    if (this.faults.processorStopped) return;
    const { rows } = await this.pool!.query<{ id: string }>(
      `SELECT e.id FROM events e LEFT JOIN processed_events p ON p.event_id = e.id
       WHERE p.event_id IS NULL AND e.created_at < now() - interval '2 seconds' ORDER BY e.id LIMIT 100`,
    );
    for (const row of rows) await this.process(Number(row.id));
  }

  private async process(eventId: number) {
    if (this.faults.processorStopped) return;
    const started = performance.now();
    const { rows: triggers } = await this.pool!.query<{ id: string }>("SELECT id FROM triggers WHERE enabled");
    const jobs = triggers.map((trigger) => JSON.stringify({ eventId, triggerId: trigger.id }));
    if (jobs.length > 0) await this.redis!.lpush("action_jobs", ...jobs);
    await this.pool!.query(
      "INSERT INTO processed_events (event_id, processing_duration_ms, triggers_matched) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING",
      [eventId, Math.round(performance.now() - started), jobs.length],
    );
  }

  /** Action workers: run jobs, counting failures per trigger into its breaker. */
  private async work() {
    if (this.faults.workersStopped) return;
    const jobs = (await this.redis!.rpop("action_jobs", 200)) ?? [];
    const outcomes = new Map<string, { ok: number; failed: number }>();
    for (const job of jobs) {
      const { triggerId } = JSON.parse(job) as { triggerId: string };
      const tally = outcomes.get(triggerId) ?? { ok: 0, failed: 0 };
      if (this.faults.failingTrigger === triggerId) tally.failed += 1;
      else tally.ok += 1;
      outcomes.set(triggerId, tally);
    }
    for (const [triggerId, { ok, failed }] of outcomes) {
      if (failed > 0) {
        await this.pool!.query(
          `UPDATE circuit_breaker_state SET failure_count = failure_count + $2, last_failure_at = now(), updated_at = now(),
             state = CASE WHEN failure_count + $2 >= $3 AND state <> 'open' THEN 'open' ELSE state END,
             opened_at = CASE WHEN failure_count + $2 >= $3 AND state <> 'open' THEN now() ELSE opened_at END
           WHERE trigger_id = $1`,
          [triggerId, failed, BREAKER_FAILURES_TO_OPEN],
        );
      } else if (ok > 0) {
        await this.pool!.query(
          `UPDATE circuit_breaker_state SET success_count = success_count + $2, updated_at = now(),
             state = CASE WHEN state = 'half_open' THEN 'closed' ELSE state END,
             failure_count = CASE WHEN state = 'half_open' THEN 0 ELSE failure_count END
           WHERE trigger_id = $1 AND state <> 'open'`,
          [triggerId, ok],
        );
      }
    }
  }

  private async halfOpenBreakers() {
    await this.pool!.query(
      `UPDATE circuit_breaker_state SET state = 'half_open', updated_at = now() WHERE state = 'open' AND opened_at < now() - make_interval(secs => $1)`,
      [BREAKER_OPEN_SECONDS],
    );
  }

  private async index() {
    if (!this.faults.indexerStalled) this.indexedBlock = this.chainHead() - 1;
  }

  private rateHeaders(): Record<string, string> {
    const now = Date.now();
    if (now - this.rateWindow.start > 3_600_000) this.rateWindow = { start: now, used: 0 };
    this.rateWindow.used += 1;
    return {
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(Math.max(0, RATE_LIMIT - this.rateWindow.used)),
      "x-ratelimit-reset": String(Math.floor((this.rateWindow.start + 3_600_000) / 1000)),
    };
  }

  private async health(): Promise<Reply> {
    if (this.faults.apiUnavailable) return json(503, { status: "unavailable", error: "service temporarily unavailable" }, { "retry-after": "30" });
    const checks = await checkAll({ database: () => this.pool!.query("SELECT 1"), redis: () => this.redis!.ping() });
    const healthy = Object.values(checks).every((c) => c.ok);
    return json(healthy ? 200 : 503, {
      status: healthy ? "healthy" : "unhealthy",
      checks: Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, { status: c.ok ? "healthy" : "unhealthy", latency_ms: c.ms }])),
    });
  }

  private async triggers(request: IncomingMessage): Promise<Reply> {
    const key = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    const { rows } = await this.pool!.query<{ is_active: boolean; expires_at: Date | null }>(
      "SELECT is_active, expires_at FROM api_keys WHERE key_prefix = $1 AND key_hash = md5($2)",
      [key.slice(0, 12), key],
    );
    const valid = rows[0] && rows[0].is_active && (!rows[0].expires_at || rows[0].expires_at > new Date());
    if (!valid) return json(401, { error: "Invalid or expired API key" });
    const { rows: triggers } = await this.pool!.query("SELECT id, name, action, enabled FROM triggers ORDER BY id");
    return json(200, { triggers });
  }
}

function omit<T extends Record<string, string>>(record: T, key: keyof T): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}
