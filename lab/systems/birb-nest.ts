import type { JsMsg } from "@nats-io/jetstream";
import type { Redis } from "ioredis";
import type pg from "pg";
import { PORTS } from "../lab-config";
import { checkAll, connectionChecks, labPool, labRedis, LabNats, shutDown, type LabSystem } from "./connections";
import { every, json, LabHttpService, Tally, type Reply, type Route } from "./http-kit";

export const BIRB_KEYS = Array.from({ length: 40 }, (_, i) => `bird-${i}`);
const CACHE_TTL_SECONDS = 600;
const RATE_WINDOW_MS = 60_000;
/** The guide's emergency setting: POST /admin/ratelimit {"enabled": true, "limit": 10}. */
const DEFAULT_RATE_LIMIT = 10;

/**
 * The API's emergency rate limiter: requests a minute per the whole API, off
 * until someone switches it on. Every attempt counts, refused ones too, so a
 * caller that keeps asking (a health check) stays refused until it is off.
 */
export class RateLimiter {
  private limit: number | undefined;
  /** The last `limit` attempts are all a verdict needs. */
  private attempts: number[] = [];

  set(enabled: boolean, limit = DEFAULT_RATE_LIMIT) {
    this.limit = enabled ? limit : undefined;
    this.attempts = [];
  }

  get state(): { enabled: boolean; limit?: number } {
    return this.limit === undefined ? { enabled: false } : { enabled: true, limit: this.limit };
  }

  /** Counts one attempt: undefined while off, else whether it is refused and the X-RateLimit-* headers to send. */
  take(now = Date.now()): { refused: boolean; headers: Record<string, string> } | undefined {
    const limit = this.limit;
    if (limit === undefined) return undefined;
    const recent = this.attempts.filter((at) => now - at < RATE_WINDOW_MS);
    const refused = recent.length >= limit;
    this.attempts = [...recent, now].slice(-limit);
    const resetSeconds = Math.ceil((this.attempts[0]! + RATE_WINDOW_MS - now) / 1000);
    return {
      refused,
      headers: {
        "x-ratelimit-limit": String(limit),
        "x-ratelimit-remaining": String(Math.max(0, limit - recent.length - 1)),
        "x-ratelimit-reset": String(resetSeconds),
        ...(refused ? { "retry-after": String(resetSeconds) } : {}),
      },
    };
  }
}

/**
 * S1 Birb Nest: a write-behind cache. The API reads Redis, falls back to
 * Postgres and rehydrates; writes go to Redis and onto BIRB_CACHE; the worker
 * drains the stream into cache_entries and parks what it cannot store on
 * BIRB_CACHE_DLQ. A little traffic of its own keeps the numbers moving.
 */
export class BirbNest implements LabSystem {
  readonly id = "birb-nest";
  readonly title = "Birb Nest";
  readonly http = new LabHttpService("birb-nest", PORTS.birbNest);
  readonly tally = new Tally();
  readonly limiter = new RateLimiter();
  /** What scenarios can do to it. */
  readonly faults = { workerStopped: false, workerFailing: false, workerNoAck: false, coldReads: false };

  private pool: pg.Pool | undefined;
  private redis: Redis | undefined;
  private readonly nats = new LabNats("birb-nest.nats", "birb-nest");
  private loops: { stop: () => void }[] = [];

  constructor() {
    this.http
      .on("GET", "/health", this.limited(() => this.health()))
      .on(
        "GET",
        "/metrics",
        this.limited(() =>
          json(200, {
            cache_hit_rate: round(this.tally.hitRate),
            total_requests: this.tally.requests,
            average_latency_ms: round(this.tally.averageLatencyMs),
            errors: this.tally.errors,
          }),
        ),
      )
      .on("GET", "/v1/cache/*", this.limited((_request, url) => this.read(decodeURIComponent(url.pathname.slice("/v1/cache/".length)))))
      .on("POST", "/v1/cache/*", this.limited((_request, url, body) => this.write(decodeURIComponent(url.pathname.slice("/v1/cache/".length)), body)))
      // Never limited itself: it is how the limiter is switched off.
      .on("POST", "/admin/ratelimit", (_request, _url, body) => this.setRateLimit(body));
  }

  async start() {
    this.pool = labPool("birb-nest.postgres", "birb-nest-api");
    this.redis = labRedis("birb-nest.redis", "birb-nest-api");
    await this.http.start();
    this.loops = [
      every(300, () => this.traffic()),
      every(200, () => this.drain()),
    ];
  }

  stop() {
    return shutDown(this.loops, this.http, this.nats, this.redis, this.pool);
  }

  /** A route behind the rate limiter: refused with 429 past the limit, its X-RateLimit-* headers on every answer while it is on. */
  private limited(route: Route): Route {
    return async (request, url, body) => {
      const verdict = this.limiter.take();
      if (!verdict) return route(request, url, body);
      if (verdict.refused) return json(429, { error: "rate limit exceeded", ...this.limiter.state }, verdict.headers);
      const reply: Reply = await route(request, url, body);
      return { ...reply, headers: { ...reply.headers, ...verdict.headers } };
    };
  }

  private setRateLimit(body: string): Reply {
    let asked: { enabled?: unknown; limit?: unknown };
    try {
      asked = JSON.parse(body || "{}") as typeof asked;
    } catch {
      return json(400, { error: "the body is JSON: {\"enabled\": true, \"limit\": 10}" });
    }
    const limit = asked.limit ?? DEFAULT_RATE_LIMIT;
    if (typeof asked.enabled !== "boolean" || !Number.isInteger(limit) || (limit as number) < 1) {
      return json(400, { error: '"enabled" is true or false, "limit" a whole number of requests a minute' });
    }
    this.limiter.set(asked.enabled, limit as number);
    return json(200, this.limiter.state);
  }

  private async health() {
    const { database, ...rest } = connectionChecks(this.pool!, this.redis!, this.nats);
    const checks = await checkAll({ postgres: database, ...rest });
    const view = Object.fromEntries(
      Object.entries(checks).map(([name, c]) => [name, { status: c.ok ? "healthy" : "unhealthy", latency_ms: c.ms, ...(c.error ? { error: c.error } : {}) }]),
    );
    // Without Redis the API still answers from Postgres: degraded, not down.
    const status = !checks.postgres!.ok || !checks.nats!.ok ? "unhealthy" : !checks.redis!.ok ? "degraded" : "healthy";
    return json(status === "unhealthy" ? 503 : 200, { status, checks: view, version: "lab" });
  }

  private async read(key: string) {
    const started = performance.now();
    try {
      const cached = await this.redis!.get(`birb:${key}`).catch(() => null);
      if (cached !== null) {
        this.tally.hit(true);
        this.tally.request(performance.now() - started);
        return json(200, { key, value: JSON.parse(cached), source: "redis" });
      }
      this.tally.hit(false);
      const { rows } = await this.pool!.query<{ value: unknown; version: number }>("SELECT value, version FROM cache_entries WHERE key = $1", [key]);
      this.tally.request(performance.now() - started);
      if (!rows[0]) return json(404, { error: "not found", key });
      await this.redis!.set(`birb:${key}`, JSON.stringify(rows[0].value), "EX", CACHE_TTL_SECONDS).catch(() => undefined);
      return json(200, { key, value: rows[0].value, version: rows[0].version, source: "postgres" });
    } catch (error) {
      this.tally.request(performance.now() - started, true);
      return json(500, { error: (error as Error).message });
    }
  }

  private async write(key: string, body: string) {
    const started = performance.now();
    try {
      const value = JSON.parse(body || "{}") as unknown;
      await this.redis!.set(`birb:${key}`, JSON.stringify(value), "EX", CACHE_TTL_SECONDS).catch(() => undefined);
      await (await this.nats.js()).publish(`cache.persist.${key}`, JSON.stringify({ key, value }));
      this.tally.request(performance.now() - started);
      return json(202, { key, queued: true });
    } catch (error) {
      this.tally.request(performance.now() - started, true);
      return json(503, { error: (error as Error).message });
    }
  }

  private async traffic() {
    if (this.faults.coldReads) {
      // A renamed key pattern: every read misses the cache and falls through.
      await Promise.all(Array.from({ length: 10 }, () => this.read(`cold-${Math.random().toString(36).slice(2)}`)));
      return;
    }
    const key = BIRB_KEYS[Math.floor(Math.random() * BIRB_KEYS.length)]!;
    if (Math.random() < 0.3) await this.write(key, JSON.stringify({ wingspan: Math.round(Math.random() * 100), at: Date.now() }));
    else await this.read(key);
  }

  private async drain() {
    if (this.faults.workerStopped) return;
    const js = await this.nats.js();
    const consumer = await js.consumers.get("BIRB_CACHE", "birb-worker");
    const messages = await consumer.fetch({ max_messages: 50, expires: 1_000 });
    for await (const message of messages) await this.persist(message);
  }

  private async persist(message: JsMsg) {
    if (this.faults.workerNoAck) return;
    const { key, value } = message.json<{ key: string; value: unknown }>();
    try {
      if (this.faults.workerFailing) throw new Error("duplicate key value violates unique constraint \"cache_entries_pkey\"");
      await this.pool!.query(
        `INSERT INTO cache_entries (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = cache_entries.version + 1, updated_at = now()`,
        [key, JSON.stringify(value)],
      );
      message.ack();
    } catch (error) {
      if (message.info.deliveryCount >= 3) {
        // Out of retries: park it on the dead-letter stream rather than lose it.
        await (await this.nats.js()).publish(`cache.dlq.${key}`, JSON.stringify({ key, value, error: (error as Error).message }));
        message.term("moved to BIRB_CACHE_DLQ");
      } else {
        message.nak(200);
      }
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
