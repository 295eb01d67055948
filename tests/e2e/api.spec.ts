import { expect, test } from "@playwright/test";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { z } from "zod";
import { estateViewSchema, findingViewSchema, probeViewSchema, serviceViewSchema } from "@/lib/api/estate-view-schema";
import { overviewSchema } from "@/lib/api/overview-schema";
import { startHttpEndpoint, json } from "../support/health-endpoint";
import { startHungListener } from "../support/hung-listener";
import { accessSecretsOf, leakedIn, recordResponses, signInForFetch } from "../support/access-secrets";
import { startLanternServer, type LanternServer } from "../support/lantern-server";

// The HTTP API of the production build, against real services and a hung one.
const SECRET = "e2e-secret-a8f3k2";
const HEADER_SECRET = "e2e-token-9x7q1w";
let lantern: LanternServer;
let hung: Awaited<ReturnType<typeof startHungListener>>;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;

test.beforeAll(async () => {
  hung = await startHungListener();
  web = await startHttpEndpoint(json(200, { status: "healthy" }));
  lantern = await startLanternServer(
    `
estate: API test
defaults: { interval: 1s, timeout: 800ms }
services:
  - id: shop
    dependencies:
      # trust auth ignores the password: it is here to prove it never leaves the server
      - { id: db, kind: postgres, url: "postgres://postgres:\${E2E_DB_PASSWORD}@127.0.0.1:5432/postgres" }
      - { id: cache, kind: redis, url: "redis://127.0.0.1:6379/0", impact: degraded }
      - { id: bus, kind: nats, url: "nats://127.0.0.1:4222" }
      - id: web
        kind: http
        url: "${web.url}"
        headers: { Authorization: "Bearer \${E2E_TOKEN}" }
        probes: [{ probe: http.health, path: /health }]
  - id: stuck
    dependencies:
      - { id: db, kind: postgres, url: "postgres://postgres@127.0.0.1:${hung.port}/postgres", interval: 5s, timeout: 2s }
`,
    { E2E_DB_PASSWORD: SECRET, E2E_TOKEN: HEADER_SECRET },
  );
});

test.afterAll(async () => {
  await lantern?.stop();
  await hung?.stop();
  await web?.stop();
});

type Sample = { name: string; labels?: Record<string, string>; value?: string };
type Family = { name: string; type: string; metrics: Sample[] };

async function metrics(): Promise<Family[]> {
  const text = await (await lantern.fetch(`/api/metrics`)).text();
  return parsePrometheusTextFormat(text) as Family[];
}

async function runs(filter: Record<string, string>): Promise<number> {
  const family = (await metrics()).find((f) => f.name === "lantern_probe_runs_total");
  return (family?.metrics ?? [])
    .filter((m) => Object.entries(filter).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value), 0);
}

test("GET /api/estate answers from the last results while a probe hangs, and the hung probe is down at its deadline", async () => {
  await expect.poll(async () => (await (await lantern.fetch(`/api/estate`)).json()).services[1].dependencies[0].probes[0].status, { timeout: 10_000 }).toBe("down");
  const slowest = { ms: 0 };
  for (let i = 0; i < 30; i += 1) {
    const started = performance.now();
    const response = await lantern.fetch(`/api/estate`);
    expect(response.status).toBe(200);
    await response.json();
    slowest.ms = Math.max(slowest.ms, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Three seconds of answers spanning the 2 s deadline, none waiting for it.
  expect(slowest.ms).toBeLessThan(1000);
  const probe = (await (await lantern.fetch(`/api/estate`)).json()).services[1].dependencies[0].probes[0];
  expect(probe.summary).toContain("timeout after 2000 ms");
  expect(Math.abs(probe.durationMs - 2000)).toBeLessThanOrEqual(200);
});

test("50 concurrent 'probe now' requests make one run", async () => {
  const before = await runs({ kind: "postgres", trigger: "manual" });
  const answers = await Promise.all(
    Array.from({ length: 50 }, () =>
      lantern.fetch(`/api/probes/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dependencyId: "shop.db" }) }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
  const outcomes = await Promise.all(answers.map(async (a) => ((await a.json()) as { outcome: string }).outcome));
  expect(outcomes.filter((o) => o === "started")).toHaveLength(1);
  expect((await runs({ kind: "postgres", trigger: "manual" })) - before).toBe(1);
});

test("20 open SSE clients do not change how often probes run", async () => {
  const window = 5_000;
  const count = () => runs({ kind: "redis", trigger: "schedule" });
  const a0 = await count();
  await new Promise((resolve) => setTimeout(resolve, window));
  const alone = (await count()) - a0;

  const controllers = Array.from({ length: 20 }, () => new AbortController());
  const streams = await Promise.all(controllers.map((c) => lantern.fetch(`/api/events`, { signal: c.signal })));
  expect(streams.every((s) => s.headers.get("content-type")?.startsWith("text/event-stream"))).toBe(true);
  // Each stream hears the engine's tick while it is open.
  const firstEvents = await Promise.all(streams.map(async (s) => readUntil(s, "event: tick")));
  expect(firstEvents.every(Boolean)).toBe(true);
  const sse = (await metrics()).find((f) => f.name === "lantern_sse_clients")!;
  expect(Number(sse.metrics[0]!.value)).toBe(20);

  const b0 = await count();
  await new Promise((resolve) => setTimeout(resolve, window));
  const watched = (await count()) - b0;
  for (const c of controllers) c.abort();

  // One run a second ±10 % jitter: 4 to 6 runs in a 5 s window (one more at an edge), watched or not.
  for (const runs of [alone, watched]) {
    expect(runs).toBeGreaterThanOrEqual(4);
    expect(runs).toBeLessThanOrEqual(7);
  }
  expect(Math.abs(watched - alone)).toBeLessThanOrEqual(2);
  expect(await runs({ trigger: "manual", kind: "redis" })).toBe(0);
});

test("the API's views and the live events match the published shapes", async () => {
  const estate = estateViewSchema.parse(await (await lantern.fetch(`/api/estate`)).json());
  expect(estate.services.map((s) => s.id)).toEqual(["shop", "stuck"]);
  const overview = overviewSchema.parse(await (await lantern.fetch(`/api/overview`)).json());
  expect(overview.services.map((s) => s.id)).toEqual(["shop", "stuck"]);
  const detail = await (await lantern.fetch(`/api/services/shop`)).json();
  expect(serviceViewSchema.parse(detail.service).dependencies.map((d) => d.id)).toEqual(["shop.db", "shop.cache", "shop.bus", "shop.web"]);
  z.array(findingViewSchema).parse(detail.findings);

  // A service page's stream: each of its probes' pictures in full, and the tick.
  const controller = new AbortController();
  const text = await readFor(await lantern.fetch(`/api/events?serviceId=shop`, { signal: controller.signal }), 1_500);
  controller.abort();
  // It opens with the views' version, so a page drawn earlier knows whether it missed a change.
  const hello = JSON.parse(/event: hello\ndata: (.*)\n/.exec(text)?.[1] ?? "null") as { version: number };
  expect(hello.version).toBeGreaterThanOrEqual(overview.version);
  const probe = JSON.parse(/event: probe\ndata: (.*)\n/.exec(text)?.[1] ?? "null") as { serviceId: string; dependencyId: string; probe: unknown };
  expect(probe.serviceId).toBe("shop");
  expect(probe.dependencyId).toMatch(/^shop\./);
  probeViewSchema.parse(probe.probe);
  expect(JSON.parse(/event: tick\ndata: (.*)\n/.exec(text)?.[1] ?? "null")).toEqual({ at: expect.any(String), runs: expect.any(Number) });
  expect(text).not.toMatch(/"serviceId":"stuck"/);
});

test("/api/metrics is Prometheus text with Lantern's families and process metrics", async () => {
  const families = await metrics();
  const names = families.map((f) => f.name);
  expect(names).toEqual(expect.arrayContaining(["lantern_probe_status", "lantern_probe_duration_seconds", "lantern_probe_runs_total", "process_resident_memory_bytes"]));
  const status = families.find((f) => f.name === "lantern_probe_status")!;
  expect(status.type).toBe("GAUGE");
  expect(status.metrics).toContainEqual(expect.objectContaining({ labels: { dependency: "shop.db", probe: "postgres.reachable" }, value: "0" }));
  expect(families.find((f) => f.name === "lantern_probe_duration_seconds")!.type).toBe("HISTOGRAM");
});

test("bad requests get a 400 or 404 with the same error shape, never a stack trace", async () => {
  const post = (body: string, type = "application/json") => lantern.fetch(`/api/probes/run`, { method: "POST", headers: { "content-type": type }, body });
  const cases = [
    { response: await post("{not json"), status: 400, code: "bad_request" },
    { response: await post(JSON.stringify({ dependency: "shop.db" })), status: 400, code: "bad_request" },
    { response: await post(JSON.stringify({ dependencyId: 42 })), status: 400, code: "bad_request" },
    { response: await post("dependencyId=shop.db", "application/x-www-form-urlencoded"), status: 400, code: "bad_request" },
    { response: await post(JSON.stringify({ dependencyId: "shop.nope" })), status: 404, code: "not_found" },
  ];
  for (const { response, status, code } of cases) {
    expect(response.status).toBe(status);
    const body = await response.text();
    expect(JSON.parse(body).error.code).toBe(code);
    expect(body).not.toMatch(/\bat \S+ \(|node_modules/);
  }
  const issues = JSON.parse(await (await post(JSON.stringify({ dependencyId: 42 }))).text()).error.issues;
  expect(issues).toEqual([{ path: "dependencyId", message: expect.stringContaining("expected string") }]);
});

test("no configured secret appears in any response: API, events, metrics or pages", async ({ page }) => {
  // Lantern's own credentials too: the bearer tokens, their hashes, and a signed-in browser's cookies.
  await lantern.signIn(page, "viewer");
  const browserResponses = recordResponses(page, lantern.url);
  const { cookie, session } = await signInForFetch(lantern, "operator");
  const bodies: string[] = [];
  for (const path of ["/api/estate", "/api/overview", "/api/services/shop", "/api/metrics", "/api/health", "/api/session", "/", "/services/shop"]) bodies.push(await (await lantern.fetch(path)).text());
  // The same reads as a signed-in browser sends them: by session cookie, no bearer.
  for (const path of ["/api/estate", "/api/session", "/services/shop"]) bodies.push(await (await fetch(`${lantern.url}${path}`, { headers: { cookie } })).text());
  const run = await lantern.fetch(`/api/probes/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dependencyId: "shop.web" }) });
  bodies.push(await run.text());
  // Both live feeds at once: the overview's and the service page's, which carries the commands.
  const controller = new AbortController();
  const feeds = await Promise.all(["/api/events", "/api/events?serviceId=shop"].map((path) => lantern.fetch(path, { signal: controller.signal })));
  bodies.push(...(await Promise.all(feeds.map((feed) => readFor(feed, 2_500)))));
  controller.abort();
  await page.goto(`${lantern.url}/services/shop`);
  await expect(page.locator('section[data-dependency="shop.db"]')).toBeVisible();
  bodies.push(await page.content());
  bodies.push(...(await browserResponses()));

  const all = bodies.join("\n");
  expect(all).toContain("shop.db");
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain(HEADER_SECRET);
  // The commands still work when pasted: they name the variables instead.
  expect(all).toContain('PGPASSWORD=\\"${E2E_DB_PASSWORD}\\"');
  expect(all).toContain("Authorization: Bearer ${E2E_TOKEN}");
  expect(lantern.output()).not.toContain(SECRET);
  const access = { ...(await accessSecretsOf(lantern, page)), "fetch session cookie": session };
  expect(leakedIn(all, access)).toEqual([]);
  expect(leakedIn(lantern.output(), access)).toEqual([]);
});

async function readUntil(response: Response, marker: string): Promise<boolean> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(marker)) {
    const { done, value } = await reader.read();
    if (done) return false;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return true;
}

async function readFor(response: Response, ms: number): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const stop = Date.now() + ms;
  while (Date.now() < stop) {
    const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), stop - Date.now()))]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text;
}
