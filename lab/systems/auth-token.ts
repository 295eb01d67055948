import type { IncomingMessage } from "node:http";
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Redis } from "ioredis";
import { BREAKER, LAB_HOST, PORTS } from "../lab-config";
import { BreakerOpenError, CircuitBreaker } from "./circuit-breaker";
import { checkAll, labRedis, within, type LabSystem } from "./connections";
import { every, json, LabHttpService, Tally, traceIdOf, type Reply } from "./http-kit";
import { KONG_CONSUMERS, KongStandIn } from "./kong";

/** The service's error codes with their HTTP statuses, as its guide lists them. */
export const AUTH_ERRORS = {
  AUTH_001: { status: 401, message: "Missing Consumer Headers" },
  AUTH_002: { status: 401, message: "Consumer Not Found" },
  AUTH_003: { status: 500, message: "JWT Creation Failed" },
  AUTH_004: { status: 503, message: "Kong API Unavailable" },
  AUTH_005: { status: 503, message: "Circuit Breaker Open" },
  AUTH_006: { status: 429, message: "Rate Limit Exceeded" },
  AUTH_007: { status: 400, message: "Invalid Request Format" },
  AUTH_008: { status: 500, message: "Internal Server Error" },
  AUTH_009: { status: 401, message: "Anonymous Consumer" },
  AUTH_010: { status: 401, message: "Token Expired" },
  AUTH_011: { status: 400, message: "Invalid Token" },
  AUTH_012: { status: 400, message: "Missing Authorization" },
} as const;
export type AuthErrorCode = keyof typeof AUTH_ERRORS;

const TOKEN_TTL_SECONDS = 900;
const PRIMARY_TTL_SECONDS = 5;
const STALE_TTL_SECONDS = 1_800;
const MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;
const BASE_MEMORY_BYTES = 70 * 1024 * 1024;
const RATE_LIMIT_PER_MINUTE = 600;
const ISSUER = "auth-token-service";

type Consumer = { id: string; username: string; secret: string };

function authError(code: AuthErrorCode, detail?: string, extra: Record<string, unknown> = {}): Reply {
  const { status, message } = AUTH_ERRORS[code];
  const headers: Record<string, string> = code === "AUTH_004" || code === "AUTH_005" ? { "retry-after": "30" } : {};
  return json(status, { error: { code, message, ...(detail ? { detail } : {}), ...extra } }, headers);
}

/**
 * S2 Auth token service: issues JWTs for Kong consumers. Consumer secrets come
 * from the Kong Admin API behind a breaker, cached in Redis (primary, then
 * stale) and in memory as a last resort.
 */
export class AuthToken implements LabSystem {
  readonly id = "auth-token";
  readonly title = "Auth token service";
  readonly http = new LabHttpService("auth-token", PORTS.authToken);
  readonly kong = new KongStandIn();
  /** In front of Kong; replaced, closed, when a scenario changes how long it waits. */
  breaker = new CircuitBreaker("kong", BREAKER);
  readonly tally = new Tally();
  /** Held on purpose by the memory scenario, so the figure is real. */
  ballast: Buffer[] = [];
  kongDown = false;

  private redis: Redis | undefined;
  private readonly memoryStale = new Map<string, Consumer>();
  private readonly rate = new Map<string, number[]>();
  private loops: { stop: () => void }[] = [];
  private kongHealth = { ok: true, ms: 0 };
  private monitor = { consecutiveSuccesses: 0, consecutiveFailures: 0 };

  constructor() {
    this.http.decorate = (request) => ({ "x-request-id": traceIdOf(request) });
    this.http
      .on("GET", "/health", () => this.health())
      .on("GET", "/health/ready", () => (this.kongHealth.ok ? json(200, { ready: true }) : json(503, { ready: false, reason: "Kong Admin API unreachable" })))
      .on("GET", "/health/telemetry", () => json(200, { healthy: true, telemetry: { mode: "console", status: { initialized: true, exporting: true } } }))
      .on("GET", "/metrics", (_request, url) => this.metrics(url.searchParams.get("view") ?? "operational"))
      .on("POST", "/debug/circuit-breaker/reset", () => this.resetBreaker())
      .on("POST", "/tokens", (request) => this.issue(request))
      .on("GET", "/tokens/validate", (request) => this.validate(request));
  }

  async start() {
    this.redis = labRedis("auth-token.redis", "auth-token-service");
    await this.kong.http.start();
    await this.http.start();
    this.loops = [every(2_000, () => this.watchKong()), every(300, () => this.traffic())];
  }

  async stop() {
    for (const loop of this.loops) loop.stop();
    await this.http.stop();
    await this.kong.http.stop();
    this.redis?.disconnect();
  }

  async setKongDown(down: boolean) {
    this.kongDown = down;
    if (down) await this.kong.http.stop();
    else await this.kong.http.start();
  }

  reset() {
    this.setBreakerWait(BREAKER.openMs);
    this.ballast = [];
    this.kong.delayMs = 0;
    this.memoryStale.clear();
  }

  /** A closed Kong breaker that stays open `openMs` once tripped: the lab's few seconds, or the guide's 60 s. */
  setBreakerWait(openMs: number) {
    this.breaker = new CircuitBreaker("kong", { ...BREAKER, openMs });
  }

  /** Asks Kong for consumers nobody has cached until the breaker opens, as an outage does, without waiting for traffic. */
  async tripBreaker() {
    for (let attempt = 0; attempt < 20 && this.breaker.refresh() !== "open"; attempt += 1) await this.consumer(`outage-${attempt}`);
    if (this.breaker.refresh() !== "open") throw new Error("the Kong breaker did not open: is Kong down?");
  }

  /** Closes the Kong breaker at once, as an operator does once Kong answers again. */
  private resetBreaker(): Reply {
    const was = this.breaker.refresh();
    this.breaker.reset();
    return json(200, { breaker: "kong", was, state: this.breaker.state });
  }

  private async watchKong() {
    const started = performance.now();
    try {
      const response = await fetch(`http://${LAB_HOST}:${PORTS.kong}/status`, { signal: AbortSignal.timeout(1_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.kongHealth = { ok: true, ms: performance.now() - started };
      this.monitor = { consecutiveSuccesses: this.monitor.consecutiveSuccesses + 1, consecutiveFailures: 0 };
    } catch {
      this.kongHealth = { ok: false, ms: performance.now() - started };
      this.monitor = { consecutiveSuccesses: 0, consecutiveFailures: this.monitor.consecutiveFailures + 1 };
    }
  }

  private async cacheEntries() {
    const primary = await this.redis!.keys("auth:consumer:*").catch(() => [] as string[]);
    const stale = await this.redis!.keys("auth:stale:*").catch(() => [] as string[]);
    return { primary: primary.length, primaryActive: primary.length, stale: stale.length, staleCacheAvailable: stale.length > 0 || this.memoryStale.size > 0 };
  }

  private async health() {
    const { redis: cache } = await checkAll({ redis: () => this.redis!.ping() });
    const entries = await this.cacheEntries();
    const kongStatus = this.kongHealth.ok ? "healthy" : "unhealthy";
    const status = this.kongHealth.ok && cache!.ok ? "healthy" : "degraded";
    return json(200, {
      status,
      timestamp: new Date().toISOString(),
      dependencies: {
        kong: { status: kongStatus, responseTime: `${this.kongHealth.ms.toFixed(1)}ms`, url: `http://${LAB_HOST}:${PORTS.kong}` },
        cache: {
          type: "redis",
          status: cache!.ok ? "healthy" : "unhealthy",
          connection: { connected: cache!.ok, responseTime: `${cache!.ms}ms` },
          entries,
          performance: { hitRate: `${(this.tally.hitRate * 100).toFixed(2)}%`, avgLatencyMs: Math.round(this.tally.averageLatencyMs * 100) / 100 },
          healthMonitor: { status: cache!.ok ? "healthy" : "unhealthy", isMonitoring: true, ...this.monitor },
        },
      },
    });
  }

  private memory() {
    const used = BASE_MEMORY_BYTES + this.ballast.reduce((sum, b) => sum + b.length, 0);
    return { used, limit: MEMORY_LIMIT_BYTES, percentage: Math.round((used / MEMORY_LIMIT_BYTES) * 1000) / 10 };
  }

  private metrics(view: string) {
    const state = this.breaker.refresh();
    const operational = {
      circuitBreaker: {
        states: { kong: state },
        failureCounts: { kong: this.breaker.failures },
        since: { kong: new Date(this.breaker.since).toISOString() },
        ...(this.breaker.retryInMs !== undefined ? { nextAttemptInMs: { kong: this.breaker.retryInMs } } : {}),
      },
      cache: { hitRate: Math.round(this.tally.hitRate * 1000) / 1000 },
      latency: { averageMs: Math.round(this.tally.averageLatencyMs * 100) / 100 },
      requests: { total: this.tally.requests, errors: this.tally.errors },
    };
    const infrastructure = { memory: this.memory(), eventLoop: { delayMs: 1.2 }, uptimeSeconds: Math.round(process.uptime()) };
    const telemetry = { mode: "console", initialized: true };
    const exports = { metrics: { exported: this.tally.requests, failed: 0 }, traces: { exported: this.tally.requests, failed: 0 } };
    const config = { kongMode: "API_GATEWAY", kongAdminUrl: `http://${LAB_HOST}:${PORTS.kong}`, tokenTtlSeconds: TOKEN_TTL_SECONDS, staleToleranceMinutes: STALE_TTL_SECONDS / 60 };
    const views: Record<string, unknown> = { operational, infrastructure, telemetry, exports, config };
    if (view === "full") return json(200, { ...operational, ...infrastructure, telemetry, exports, config, process: { pid: process.pid } });
    if (!(view in views)) return json(400, { error: `unknown view "${view}"; one of operational, infrastructure, telemetry, exports, config, full` });
    return json(200, { view, ...(views[view] as object) });
  }

  /** Primary cache, then Kong behind the breaker, then stale Redis, then stale memory. */
  private async consumer(id: string): Promise<Consumer | { error: AuthErrorCode; detail: string }> {
    const primary = await this.redis!.get(`auth:consumer:${id}`).catch(() => null);
    if (primary) {
      this.tally.hit(true);
      return JSON.parse(primary) as Consumer;
    }
    this.tally.hit(false);
    try {
      const found = await this.breaker.call(async () => {
        const response = await fetch(`http://${LAB_HOST}:${PORTS.kong}/consumers/${id}`, { signal: AbortSignal.timeout(1_000) });
        if (response.status === 404) return undefined;
        if (!response.ok) throw new Error(`Kong answered ${response.status}`);
        const body = (await response.json()) as { id: string; username: string; jwt_secrets: { secret: string }[] };
        return { id: body.id, username: body.username, secret: body.jwt_secrets[0]!.secret };
      });
      if (!found) return { error: "AUTH_002", detail: `no consumer ${id} in Kong` };
      const text = JSON.stringify(found);
      await this.redis!.multi().set(`auth:consumer:${id}`, text, "EX", PRIMARY_TTL_SECONDS).set(`auth:stale:${id}`, text, "EX", STALE_TTL_SECONDS).exec().catch(() => undefined);
      this.memoryStale.set(id, found);
      return found;
    } catch (error) {
      const stale = (await this.redis!.get(`auth:stale:${id}`).catch(() => null)) ?? (this.memoryStale.has(id) ? JSON.stringify(this.memoryStale.get(id)) : null);
      if (stale) return JSON.parse(stale) as Consumer;
      if (error instanceof BreakerOpenError) return { error: "AUTH_005", detail: "circuit breaker open and no stale cache" };
      return { error: "AUTH_004", detail: (error as Error).message };
    }
  }

  private limited(id: string): boolean {
    const now = Date.now();
    const recent = (this.rate.get(id) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.rate.set(id, recent);
    return recent.length > RATE_LIMIT_PER_MINUTE;
  }

  private async issue(request: IncomingMessage): Promise<Reply> {
    const started = performance.now();
    const reply = await this.issueToken(request);
    this.tally.request(performance.now() - started, reply.status >= 500);
    return reply;
  }

  private async issueToken(request: IncomingMessage): Promise<Reply> {
    const id = request.headers["x-consumer-id"];
    const username = request.headers["x-consumer-username"];
    if (request.headers["x-anonymous-consumer"] === "true") return authError("AUTH_009");
    if (typeof id !== "string" || typeof username !== "string" || !id || !username) return authError("AUTH_001", "X-Consumer-ID and X-Consumer-Username are required");
    if (id.length > 256 || username.length > 256) return authError("AUTH_007", "Header value exceeds maximum allowed length");
    if (this.limited(id)) return authError("AUTH_006");
    const consumer = await this.consumer(id);
    if ("error" in consumer) return authError(consumer.error, consumer.detail);
    try {
      const token = await new SignJWT({ username: consumer.username })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(consumer.id)
        .setIssuer(ISSUER)
        .setAudience(consumer.username)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
        .sign(new TextEncoder().encode(consumer.secret));
      return json(200, { access_token: token, token_type: "Bearer", expires_in: TOKEN_TTL_SECONDS });
    } catch (error) {
      return authError("AUTH_003", (error as Error).message);
    }
  }

  private async validate(request: IncomingMessage): Promise<Reply> {
    const header = request.headers.authorization;
    if (!header?.startsWith("Bearer ")) return authError("AUTH_012", "Authorization header with Bearer token is required");
    const token = header.slice(7).trim();
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(token);
    } catch {
      return authError("AUTH_011", "malformed token");
    }
    const id = (request.headers["x-consumer-id"] as string | undefined) ?? claims.sub ?? "";
    const consumer = await this.consumer(id);
    if ("error" in consumer) return authError(consumer.error, consumer.detail);
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(consumer.secret), { issuer: ISSUER, algorithms: ["HS256"] });
      return json(200, { valid: true, consumerId: payload.sub, expiresAt: new Date((payload.exp ?? 0) * 1000).toISOString() });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return authError("AUTH_010", "token expired", { expiredAt: new Date((claims.exp ?? 0) * 1000).toISOString() });
      return authError("AUTH_011", "invalid signature");
    }
  }

  /** Partners asking for tokens, so the breaker and the cache see traffic. */
  private async traffic() {
    const consumer = KONG_CONSUMERS[Math.floor(Math.random() * KONG_CONSUMERS.length)]!;
    await within(
      2_000,
      fetch(`http://${LAB_HOST}:${PORTS.authToken}/tokens`, {
        method: "POST",
        headers: { "x-consumer-id": consumer.id, "x-consumer-username": consumer.username },
      }).then((r) => r.arrayBuffer()),
    );
  }
}
