import { connect, type NatsConnection } from "@nats-io/transport-node";
import { SignJWT } from "jose";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Lab } from "@/lab/lab";
import { LAB_SECRETS, PORTS } from "@/lab/lab-config";
import { KONG_CONSUMERS } from "@/lab/systems/kong";
import { USER_SYNC_JWT } from "@/lab/systems/user-sync";
import { waitFor } from "../support/ports";

// The lab's emulators answer the endpoints their guides describe, in the shapes the guides show.
let lab: Lab;
let nc: NatsConnection;
const at = (port: number, path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init);
const body = async (response: Response) => (await response.json()) as unknown;

beforeAll(async () => {
  lab = await Lab.start();
  nc = await connect({ servers: "127.0.0.1:4222" });
}, 30_000);

afterAll(async () => {
  await nc?.close();
  await lab?.stop();
}, 30_000);

describe("S0 user-sync", () => {
  const secret = new TextEncoder().encode(LAB_SECRETS.userSyncJwtSecret);
  const token = (claims: { aud?: string; exp?: string }) =>
    new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("auth_001")
      .setIssuer(USER_SYNC_JWT.issuer)
      .setAudience(claims.aud ?? USER_SYNC_JWT.audience)
      .setExpirationTime(claims.exp ?? "5m")
      .sign(secret);

  it("/health names its checks, and every answer carries a trace id", async () => {
    const response = await at(PORTS.userSync, "/health");
    expect(response.headers.get("trace-id")).toMatch(/^[0-9a-f]{32}$/);
    z.object({ status: z.enum(["healthy", "degraded", "unhealthy"]), checks: z.object({ database: z.object({ status: z.string() }), redis: z.object({ status: z.string() }), nats: z.object({ status: z.string() }) }) }).parse(await body(response));
  });

  it("syncs published users through go-user-sync into Postgres and user_status:<auth_id> with a 5-minute TTL", async () => {
    const ttl = await waitFor(async () => {
      const keys = await lab.context.redis.keys("user_status:*");
      return keys.length > 0 ? lab.context.redis.ttl(keys[0]!) : undefined;
    }, { what: "a cached user_status" });
    expect(ttl).toBeGreaterThan(250);
    expect(ttl).toBeLessThanOrEqual(300);
    const { rows } = await lab.context.db.query("SELECT count(*)::int AS n FROM users");
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it("checks the JWT's signature, expiry and audience", async () => {
    await lab.context.db.query("INSERT INTO users (auth_id, email, role) VALUES ('auth_001', 'a@example.test', 'member') ON CONFLICT DO NOTHING");
    const me = (t: string) => at(PORTS.userSync, "/api/me", { headers: { authorization: `Bearer ${t}` } });
    expect((await me(await token({}))).status).toBe(200);
    expect((await me(await token({ exp: "-1m" }))).status).toBe(401);
    expect((await me(await token({ aud: "someone-else" }))).status).toBe(401);
  });
});

describe("S1 Birb Nest", () => {
  it("/health has per-component checks and /metrics the hit rate, requests and latency", async () => {
    z.object({ status: z.literal("healthy"), checks: z.object({ postgres: z.object({ status: z.literal("healthy") }), redis: z.object({ status: z.literal("healthy") }), nats: z.object({ status: z.literal("healthy") }) }) }).parse(await body(await at(PORTS.birbNest, "/health")));
    z.object({ cache_hit_rate: z.number().min(0).max(1), total_requests: z.number(), average_latency_ms: z.number() }).parse(await body(await at(PORTS.birbNest, "/metrics")));
  });

  it("writes go through BIRB_CACHE into cache_entries, reads come back from Redis", async () => {
    const key = `lab-test-${Date.now()}`;
    expect((await at(PORTS.birbNest, `/v1/cache/${key}`, { method: "POST", body: JSON.stringify({ beak: "yellow" }) })).status).toBe(202);
    await waitFor(async () => (await lab.context.db.query("SELECT 1 FROM cache_entries WHERE key = $1", [key])).rowCount === 1, { what: "the worker to persist" });
    expect(await body(await at(PORTS.birbNest, `/v1/cache/${key}`))).toMatchObject({ value: { beak: "yellow" }, source: "redis" });
  });

  it("POST /admin/ratelimit switches the emergency rate limiter: past its limit 429 with X-RateLimit-*, then off again", async () => {
    const ratelimit = (enabled: object) => at(PORTS.birbNest, "/admin/ratelimit", { method: "POST", body: JSON.stringify(enabled) });
    expect(await body(await ratelimit({ enabled: true, limit: 1 }))).toEqual({ enabled: true, limit: 1 });
    try {
      const last = await at(PORTS.birbNest, "/metrics");
      expect([last.status, last.headers.get("x-ratelimit-limit"), last.headers.get("x-ratelimit-remaining")]).toEqual([200, "1", "0"]);
      const refused = await at(PORTS.birbNest, "/health");
      expect([refused.status, refused.headers.get("x-ratelimit-limit"), refused.headers.get("x-ratelimit-remaining")]).toEqual([429, "1", "0"]);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      expect(await body(await ratelimit({ enabled: false }))).toEqual({ enabled: false });
    }
    const free = await at(PORTS.birbNest, "/health");
    expect([free.status, free.headers.get("x-ratelimit-limit")]).toEqual([200, null]);
    expect((await ratelimit({ enabled: "yes" })).status).toBe(400);
  });
});

describe("S2 Auth token service", () => {
  const consumer = KONG_CONSUMERS[0]!;
  const headers = { "x-consumer-id": consumer.id, "x-consumer-username": consumer.username };

  it("/health, /health/ready, /health/telemetry in the documented shapes", async () => {
    z.object({
      status: z.enum(["healthy", "degraded"]),
      dependencies: z.object({
        kong: z.object({ status: z.string(), responseTime: z.string() }),
        cache: z.object({
          type: z.literal("redis"),
          connection: z.object({ connected: z.boolean(), responseTime: z.string() }),
          entries: z.object({ primary: z.number(), primaryActive: z.number(), stale: z.number(), staleCacheAvailable: z.boolean() }),
          performance: z.object({ hitRate: z.string().regex(/%$/), avgLatencyMs: z.number() }),
          healthMonitor: z.object({ status: z.string(), isMonitoring: z.boolean(), consecutiveSuccesses: z.number(), consecutiveFailures: z.number() }),
        }),
      }),
    }).parse(await body(await at(PORTS.authToken, "/health")));
    expect((await at(PORTS.authToken, "/health/ready")).status).toBe(200);
    expect(await body(await at(PORTS.authToken, "/health/telemetry"))).toMatchObject({ healthy: true, telemetry: { status: { initialized: true } } });
  });

  it("/metrics has all six views, with breaker states and failure counts", async () => {
    const operational = (await body(await at(PORTS.authToken, "/metrics?view=operational"))) as Record<string, unknown>;
    z.object({ circuitBreaker: z.object({ states: z.object({ kong: z.enum(["closed", "open", "half-open"]) }), failureCounts: z.object({ kong: z.number() }) }) }).parse(operational);
    for (const view of ["infrastructure", "telemetry", "exports", "config", "full"]) expect((await at(PORTS.authToken, `/metrics?view=${view}`)).status).toBe(200);
    z.object({ memory: z.object({ used: z.number(), limit: z.literal(256 * 1024 * 1024), percentage: z.number() }) }).parse(await body(await at(PORTS.authToken, "/metrics?view=infrastructure")));
  });

  it("answers the AUTH_0xx errors with their HTTP statuses", async () => {
    const post = (h: Record<string, string>) => at(PORTS.authToken, "/tokens", { method: "POST", headers: h });
    const code = async (response: Response) => [response.status, ((await body(response)) as { error?: { code: string } }).error?.code];
    expect(await code(await post({}))).toEqual([401, "AUTH_001"]);
    expect(await code(await post({ ...headers, "x-consumer-username": "x".repeat(300) }))).toEqual([400, "AUTH_007"]);
    expect(await code(await post({ ...headers, "x-anonymous-consumer": "true" }))).toEqual([401, "AUTH_009"]);
    expect(await code(await post({ "x-consumer-id": "nobody", "x-consumer-username": "nobody" }))).toEqual([401, "AUTH_002"]);

    const issued = (await body(await post(headers))) as { access_token: string; expires_in: number };
    expect(issued.expires_in).toBe(900);
    const validate = (authorization?: string) => at(PORTS.authToken, "/tokens/validate", { headers: { ...headers, ...(authorization ? { authorization } : {}) } });
    expect((await validate(`Bearer ${issued.access_token}`)).status).toBe(200);
    expect(await code(await validate())).toEqual([400, "AUTH_012"]);
    expect(await code(await validate("Bearer not.a.jwt"))).toEqual([400, "AUTH_011"]);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(consumer.id).setIssuer("auth-token-service").setExpirationTime("-1m").sign(new TextEncoder().encode(consumer.secret));
    const expiredAnswer = await validate(`Bearer ${expired}`);
    expect(expiredAnswer.status).toBe(401);
    expect(await body(expiredAnswer)).toMatchObject({ error: { code: "AUTH_010", expiredAt: expect.any(String) } });
  });

  it("without Kong: 503 with Retry-After: 30 (AUTH_004, then AUTH_005 once the breaker opens)", async () => {
    await lab.apply("auth-kong-down");
    try {
      const fresh = () => at(PORTS.authToken, "/tokens", { method: "POST", headers: { "x-consumer-id": `ghost-${Math.random()}`, "x-consumer-username": "ghost" } });
      const first = await fresh();
      expect(first.status).toBe(503);
      expect(first.headers.get("retry-after")).toBe("30");
      const codes = new Set<string>();
      for (let i = 0; i < 8; i += 1) codes.add(((await body(await fresh())) as { error: { code: string } }).error.code);
      expect(codes).toContain("AUTH_005");
    } finally {
      await lab.revert("auth-kong-down");
    }
  });

  it("POST /debug/circuit-breaker/reset closes a Kong breaker that outlived the outage", async () => {
    const kong = async () => ((await body(await at(PORTS.authToken, "/metrics?view=operational"))) as { circuitBreaker: { states: { kong: string } } }).circuitBreaker.states.kong;
    await lab.apply("auth-breaker-stuck-open");
    try {
      expect(await kong()).toBe("open");
      expect(await body(await at(PORTS.authToken, "/debug/circuit-breaker/reset", { method: "POST" }))).toEqual({ breaker: "kong", was: "open", state: "closed" });
      expect(await kong()).toBe("closed");
    } finally {
      await lab.revert("auth-breaker-stuck-open");
    }
  });
});

describe("S3 Ticket service", () => {
  it("replies on tickets.create in its queue group", async () => {
    const reply = await nc.request("tickets.create", JSON.stringify({ title: "test" }), { timeout: 2_000 });
    expect(reply.json()).toMatchObject({ status: "created" });
  });

  it("/metrics is Prometheus text with the golden signals and a resilience4j breaker gauge", async () => {
    const families = parsePrometheusTextFormat(await (await at(PORTS.ticketService, "/metrics")).text()) as { name: string; metrics: { labels?: Record<string, string>; value?: string }[] }[];
    const names = families.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["http_requests_total", "http_request_duration_seconds", "ticket_errors_total", "nats_connections", "resilience4j_circuitbreaker_state"]));
    const breaker = families.find((f) => f.name === "resilience4j_circuitbreaker_state")!;
    expect(breaker.metrics).toContainEqual({ labels: { name: "payments", state: "closed" }, value: "1" });
  });
});

describe("S4 AgentAuri", () => {
  it("events raise NOTIFY on new_event; the processor listens, queues action_jobs and records processing time", async () => {
    const listener = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/lantern_lab" });
    await listener.connect();
    const notified = new Promise<string>((resolve) => listener.on("notification", (n) => resolve(n.channel)));
    await listener.query("LISTEN new_event");
    expect(await notified).toBe("new_event");
    await listener.end();
    const { rows: sessions } = await lab.context.db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'event-processor' AND query ILIKE 'LISTEN%'");
    expect(sessions[0].n).toBe(1);
    await waitFor(async () => (await lab.context.db.query("SELECT 1 FROM processed_events WHERE processing_duration_ms >= 0 LIMIT 1")).rowCount === 1, { what: "a processed event" });
    const { rows } = await lab.context.db.query("SELECT tgenabled FROM pg_trigger WHERE tgname = 'notify_new_event_trigger'");
    expect(rows[0].tgenabled).toBe("O");
  });

  it("the API sends HSTS and X-RateLimit-* headers and checks API keys", async () => {
    const response = await at(PORTS.agentAuriApi, "/api/v1/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Number(response.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
    expect(response.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
    expect((await at(PORTS.agentAuriApi, "/api/v1/triggers", { headers: { authorization: `Bearer ${LAB_SECRETS.agentAuriApiKey}` } })).status).toBe(200);
    expect((await at(PORTS.agentAuriApi, "/api/v1/triggers", { headers: { authorization: "Bearer sk_test_nope" } })).status).toBe(401);
  });

  it("the indexer reports its latest block beside the chain's eth_blockNumber", async () => {
    const status = (await body(await at(PORTS.indexer, "/status"))) as { latestIndexedBlock: number };
    const rpc = (await body(await at(PORTS.chainRpc, "/", { method: "POST", body: JSON.stringify({ jsonrpc: "2.0", method: "eth_blockNumber", params: [], id: 1 }) }))) as { result: string };
    expect(rpc.result).toMatch(/^0x[0-9a-f]+$/);
    expect(parseInt(rpc.result, 16) - status.latestIndexedBlock).toBeLessThanOrEqual(3);
  });

  it("circuit_breaker_state holds one row per trigger, all closed", async () => {
    const { rows } = await lab.context.db.query("SELECT trigger_id, state, failure_count, success_count, last_failure_at FROM circuit_breaker_state ORDER BY trigger_id");
    expect(rows.map((r) => r.state)).toEqual(["closed", "closed", "closed"]);
  });
});

describe("scenarios through the lab", () => {
  it("apply twice is applied once; an unknown id names the known ones; reset heals a mix", async () => {
    expect(await lab.apply("birb-nest-redis-unreachable")).toBe(true);
    expect(await lab.apply("birb-nest-redis-unreachable")).toBe(false);
    await expect(lab.apply("nope")).rejects.toThrow(/no scenario "nope"; known: .*birb-nest-redis-unreachable/);
    await lab.apply("ticket-service-stopped");
    await lab.reset();
    expect(lab.list().filter((s) => s.applied)).toEqual([]);
    expect((await at(PORTS.ticketService, "/health")).status).toBe(200);
    await waitFor(async () => ((await body(await at(PORTS.birbNest, "/health"))) as { status: string }).status === "healthy", { what: "Birb Nest healthy again" });
  });
});
