import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { jwtVerify } from "jose";
import type { Redis } from "ioredis";
import type pg from "pg";
import { LAB_SECRETS, PORTS } from "../lab-config";
import { checkAll, connectionChecks, labPool, labRedis, LabNats, shutDown, type LabSystem } from "./connections";
import { every, json, LabHttpService, traceIdOf } from "./http-kit";

export const USER_SYNC_JWT = { issuer: "bun-monolith", audience: "go-backend" };
const USER_STATUS_TTL_SECONDS = 300;
const ROLES = ["member", "admin", "viewer"];

/**
 * S0 user-sync: the monolith publishes user changes on user.sync (stream
 * user_sync); the Go backend's durable consumer go-user-sync writes them to
 * Postgres and caches user_status:<auth_id> in Redis for five minutes. Its API
 * checks HS256 JWTs (exp, aud, iss) and falls back to Postgres without Redis.
 */
export class UserSync implements LabSystem {
  readonly id = "user-sync";
  readonly title = "user-sync";
  readonly http = new LabHttpService("user-sync", PORTS.userSync);
  readonly faults = { publisherSilent: false, consumerStopped: false, cacheWithoutTtl: false, handlerFailing: false, ignoreTraceContext: false };
  /** The JetStream stream it stores user changes in; a deploy can get it wrong (dots are refused). */
  streamName = "user_sync";
  private streamError: string | undefined;
  /** Seen by scenarios: how the last handler run ended. */
  lastHandlerError: string | undefined;

  private pool: pg.Pool | undefined;
  private redis: Redis | undefined;
  private readonly nats = new LabNats("user-sync.nats", "user-sync");
  private loops: { stop: () => void }[] = [];
  private readonly users = Array.from({ length: 20 }, (_, i) => `auth_${String(i).padStart(3, "0")}`);

  constructor() {
    this.http.decorate = (request): Record<string, string> => (this.faults.ignoreTraceContext ? {} : { "trace-id": traceIdOf(request), "x-trace-id": traceIdOf(request) });
    this.http
      .on("GET", "/health", () => this.health())
      .on("GET", "/api/me", (request) => this.me(request));
  }

  async start() {
    this.pool = labPool("user-sync.postgres", "go-user-sync");
    this.redis = labRedis("user-sync.redis", "go-user-sync");
    await this.http.start();
    await this.ensureStream().catch(() => undefined);
    this.loops = [every(500, () => this.publish()), every(250, () => this.consume())];
  }

  /** What a deploy does at start-up: make sure its stream exists, under the name it is configured with. */
  async ensureStream(): Promise<void> {
    this.streamError = undefined;
    try {
      const jsm = await (await this.nats.js()).jetstreamManager();
      try {
        await jsm.streams.info(this.streamName);
      } catch {
        await jsm.streams.add({ name: this.streamName, subjects: ["user.sync"] });
      }
    } catch (error) {
      this.streamError = (error as Error).message;
      throw error;
    }
  }

  stop() {
    return shutDown(this.loops, this.http, this.nats, this.redis, this.pool);
  }

  private async health() {
    const checks = await checkAll({
      ...connectionChecks(this.pool!, this.redis!, this.nats),
      stream: async () => {
        if (this.streamError) throw new Error(this.streamError);
      },
    });
    const status = !checks.database!.ok || !checks.nats!.ok ? "unhealthy" : !checks.redis!.ok || !checks.stream!.ok ? "degraded" : "healthy";
    const view = Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, { status: c.ok ? "ok" : "fail", latency_ms: c.ms, ...(c.error ? { error: c.error } : {}) }]));
    return json(status === "unhealthy" ? 503 : 200, { status, checks: view });
  }

  /** The monolith's side: one user change a second. */
  private async publish() {
    if (this.faults.publisherSilent) return;
    const authId = this.users[Math.floor(Math.random() * this.users.length)]!;
    const change = { auth_id: authId, email: `${authId}@example.test`, role: ROLES[Math.floor(Math.random() * ROLES.length)], event_id: randomUUID() };
    await (await this.nats.js()).publish("user.sync", JSON.stringify(change));
  }

  /** The Go backend's side: durable consumer go-user-sync. */
  private async consume() {
    if (this.faults.consumerStopped) return;
    const consumer = await (await this.nats.js()).consumers.get("user_sync", "go-user-sync");
    const messages = await consumer.fetch({ max_messages: 20, expires: 1_000 });
    for await (const message of messages) {
      const change = message.json<{ auth_id: string; email: string; role: string }>();
      try {
        if (this.faults.handlerFailing) throw new Error("user_sync_handler: cannot decode event");
        await this.pool!.query(
          `INSERT INTO users (auth_id, email, role, attempts, updated_at) VALUES ($1, $2, $3, 0, now())
           ON CONFLICT (auth_id) DO UPDATE SET email = EXCLUDED.email, role = EXCLUDED.role, attempts = users.attempts + 1, updated_at = now()`,
          [change.auth_id, change.email, change.role],
        );
        const key = `user_status:${change.auth_id}`;
        const value = JSON.stringify({ role: change.role, active: true });
        if (this.faults.cacheWithoutTtl) await this.redis!.set(key, value).catch(() => undefined);
        else await this.redis!.set(key, value, "EX", USER_STATUS_TTL_SECONDS).catch(() => undefined);
        this.lastHandlerError = undefined;
        message.ack();
      } catch (error) {
        this.lastHandlerError = (error as Error).message;
        message.nak(500);
      }
    }
  }

  private async me(request: IncomingMessage) {
    const header = request.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!token) return json(401, { error: "missing bearer token" });
    let authId: string;
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(LAB_SECRETS.userSyncJwtSecret), {
        algorithms: ["HS256"],
        ...USER_SYNC_JWT,
      });
      authId = String(payload.sub);
    } catch (error) {
      return json(401, { error: "invalid token", reason: (error as Error).message });
    }
    const cached = await this.redis!.get(`user_status:${authId}`).catch(() => undefined);
    if (cached) return json(200, { auth_id: authId, ...JSON.parse(cached), source: "redis" });
    // Redis missing or down: the backend keeps working from Postgres.
    const { rows } = await this.pool!.query("SELECT auth_id, role FROM users WHERE auth_id = $1", [authId]);
    if (!rows[0]) return json(404, { error: "unknown user" });
    return json(200, { ...rows[0], source: "postgres" });
  }
}
