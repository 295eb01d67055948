import type { IncomingMessage, ServerResponse } from "node:http";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import type { OverviewPayload } from "@/lib/api/overview-schema";
import { startHttpEndpoint } from "../support/health-endpoint";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { waitFor } from "../support/ports";
import { startRedisServer } from "../support/redis-server";
import { storeHome, type StoreHome } from "../support/store-backends";

// Two Lantern processes on one PostgreSQL store, as two replicas behind a load balancer:
// one schedules, both serve the same picture, a fix's lock holds across them, and
// the other takes over when the scheduling one is killed.
const INTERVAL_MS = 1_000;
/** The HTTP dependency's own interval (its deadline must fit in it): a change shows within two of them. */
const API_INTERVAL_MS = 5_000;
const service = { limited: false, healthDelayMs: 0 };

function serve(request: IncomingMessage, response: ServerResponse) {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };
  if (request.url === "/health") {
    const health = () => (service.limited ? answer(429, { error: "rate limit exceeded" }, { "retry-after": "30" }) : answer(200, { status: "healthy" }));
    return void setTimeout(health, service.healthDelayMs);
  }
  if (request.method === "POST" && request.url === "/admin/ratelimit") {
    service.limited = false;
    return answer(200, { enabled: false });
  }
  answer(404, { error: "not found" });
}

let redis: Awaited<ReturnType<typeof startRedisServer>>;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;
let home: StoreHome;
let replicas: LanternServer[];

test.beforeAll(async () => {
  redis = await startRedisServer();
  web = await startHttpEndpoint((request, response) => serve(request, response));
  home = await storeHome("postgres", "replicas");
  const estate = `
estate: Replicas
defaults: { interval: ${INTERVAL_MS}ms, timeout: 800ms }
services:
  - id: shop
    dependencies:
      - { id: cache, kind: redis, url: "redis://127.0.0.1:${redis.port}/0", probes: [{ probe: redis.reachable }] }
      - id: api
        kind: http
        url: "${web.url}"
        interval: ${API_INTERVAL_MS}ms
        timeout: 3s
        actions:
          - { id: ratelimit-off, title: Switch the rate limiter off, method: POST, path: /admin/ratelimit, for: [http.rate-limited] }
        probes: [{ probe: http.health, path: /health }]
`;
  // One after the other, as a rolling start: the first takes the lease.
  replicas = [await startLanternServer(estate, { env: home.env }), await startLanternServer(estate, { env: home.env })];
});

test.afterAll(async () => {
  for (const replica of replicas ?? []) await replica.stop();
  await home?.remove();
  await web?.stop();
  await redis?.stop();
});

const health = async (replica: LanternServer) => (await (await replica.fetch("/api/health")).json()) as { replica: { id: string; scheduling: boolean } };
async function overview(replica: LanternServer): Promise<OverviewPayload> {
  const response = await replica.fetch("/api/overview");
  if (!response.ok) throw new Error(`GET /api/overview answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as OverviewPayload;
}
const findingsOf = async (replica: LanternServer) => (await overview(replica)).findings.map((f) => `${f.key} ${f.severity} since ${f.since}`).sort();

/** PINGs the test's Redis has answered: every one is a redis.reachable run. */
async function pings(): Promise<number> {
  const client = new Redis({ port: redis.port, lazyConnect: true });
  await client.connect();
  const stats = await client.info("commandstats");
  client.disconnect();
  return Number(/cmdstat_ping:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

test("one replica probes, both serve the same findings, and 'probe now' through the other is one run there", async () => {
  const [first, second] = replicas as [LanternServer, LanternServer];
  await waitFor(async () => (await health(first)).replica.scheduling, { what: "the first replica to take the lease" });
  expect((await health(second)).replica.scheduling).toBe(false);

  service.limited = true;
  for (const replica of replicas) {
    await waitFor(async () => (await overview(replica)).findings.some((f) => f.id === "http.rate-limited"), { timeoutMs: 2 * API_INTERVAL_MS + 1_000, what: "the finding on every replica" });
  }
  expect(await findingsOf(second)).toEqual(await findingsOf(first));
  const statuses = async (replica: LanternServer) => (await overview(replica)).services.map((s) => `${s.id} ${s.status} ${s.problems}`);
  expect(await statuses(second)).toEqual(await statuses(first));

  // The dependency sees one prober: one connection, one PING a second.
  expect(await redis.clientNames()).toEqual(["lantern"]);
  const before = await pings();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const inFive = (await pings()) - before;
  expect(inFive).toBeGreaterThanOrEqual(4);
  expect(inFive).toBeLessThanOrEqual(7);

  const probed = await second.fetch("/api/probes/run", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dependencyId: "shop.cache" }) });
  expect(probed.status).toBe(200);
  expect(await redis.clientNames()).toEqual(["lantern"]);
});

test("a fix started through one replica holds its lock against the other, and its idempotency key too", async () => {
  const [first, second] = replicas as [LanternServer, LanternServer];
  service.limited = true;
  await waitFor(async () => (await overview(second)).findings.some((f) => f.id === "http.rate-limited"), { timeoutMs: 2 * API_INTERVAL_MS + 1_000, what: "the finding" });
  const findingKey = (await overview(second)).findings.find((f) => f.id === "http.rate-limited")!.key;
  const post = (replica: LanternServer, path: string, body: object) => replica.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const previewOn = async (replica: LanternServer) => ((await (await post(replica, "/api/fixes/preview", { dependencyId: "shop.api", fixId: "http.action", findingKey })).json()) as { previewId: string }).previewId;
  const [onFirst, onSecond] = [await previewOn(first), await previewOn(second)];

  // The verification probes a slow /health, so the first run holds the lock for over a second.
  service.healthDelayMs = 1_500;
  try {
    const running = post(second, "/api/fixes/execute", { previewId: onSecond, idempotencyKey: "replicas-one" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const refused = await post(first, "/api/fixes/execute", { previewId: onFirst, idempotencyKey: "replicas-two" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("lock-held");

    const done = (await (await running).json()) as { runId: string; outcome: string };
    expect(done.outcome).toBe("verified");
    // The same key through the other replica is the same run, not a second one.
    const repeated = (await (await post(first, "/api/fixes/execute", { previewId: onSecond, idempotencyKey: "replicas-one" })).json()) as { runId: string };
    expect(repeated.runId).toBe(done.runId);
  } finally {
    service.healthDelayMs = 0;
  }
});

test("kill -9 of the scheduling replica: the other schedules within two intervals, and its results keep coming", async () => {
  const [first, second] = replicas as [LanternServer, LanternServer];
  const leader = (await health(first)).replica.scheduling ? first : second;
  const follower = leader === first ? second : first;
  const killedAt = Date.now();
  await leader.kill();
  await waitFor(async () => (await health(follower)).replica.scheduling, { timeoutMs: 2 * INTERVAL_MS, everyMs: 50, what: "the other replica to schedule" });
  console.log(`the surviving replica scheduled ${Date.now() - killedAt} ms after kill -9 of the other`);
  expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * INTERVAL_MS);

  const checkedAt = async () => Date.parse((await (await follower.fetch("/api/services/shop")).json()).service.dependencies[0].probes[0].checkedAt);
  await waitFor(async () => (await checkedAt()) > killedAt, { timeoutMs: 3 * INTERVAL_MS, what: "a result run by the survivor" });
  await waitFor(async () => JSON.stringify(await redis.clientNames()) === '["lantern"]', { timeoutMs: 3 * INTERVAL_MS, what: "one Lantern connection on the dependency again" });
});
