import { connect, type Socket } from "node:net";
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { writtenForms } from "@/lib/secrets/redactor";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { waitFor } from "../support/ports";

// An anonymous client against the production server: what it cannot make Lantern hold,
// leak, run or serve. A busy estate (about 240 results a second) makes the live feed heavy.
const SECRETS = { E2E_API_KEY: "ab+cd/ef==zz", E2E_TOKEN: "tok-e2e-5501", E2E_PROBE_TOKEN: "probe+e2e/77" };
const BUSY_SERVICES = 20;
let lantern: LanternServer;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;
let host: string;

test.beforeAll(async () => {
  web = await startHttpEndpoint(json(200, { status: "healthy" }));
  const busy = Array.from(
    { length: BUSY_SERVICES },
    (_, i) => `  - id: busy-${i}
    dependencies:
      - { id: cache, kind: redis, url: "redis://127.0.0.1:6379/0", probes: [{ probe: redis.reachable }, { probe: redis.clients }, { probe: redis.memory }] }`,
  ).join("\n");
  lantern = await startLanternServer(
    `
estate: Hardening
defaults: { interval: 250ms, timeout: 200ms }
services:
  - id: shop
    dependencies:
      - id: web
        kind: http
        url: "${web.url}/?api_key=\${E2E_API_KEY}"
        interval: 1s
        timeout: 500ms
        headers: { Authorization: "Bearer \${E2E_TOKEN}" }
        probes:
          - { probe: http.health, path: "/health?api_key=\${E2E_API_KEY}" }
          - { probe: http.security-headers, headers: { X-Probe-Token: "\${E2E_PROBE_TOKEN}" } }
          - { probe: http.trace-context, headers: { X-Probe-Token: "\${E2E_PROBE_TOKEN}" } }
${busy}
`,
    SECRETS,
  );
  host = new URL(lantern.url).host;
});

test.afterAll(async () => {
  await lantern?.stop();
  await web?.stop();
});

async function health(): Promise<{ liveClients: number }> {
  return (await fetch(`${lantern.url}/api/health`)).json();
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${lantern.url}/api/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
}

test("a HEAD of the live feed opens no stream", async () => {
  for (let i = 0; i < 100; i += 1) {
    const response = await fetch(`${lantern.url}/api/events`, { method: "HEAD" });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
  }
  expect((await health()).liveClients).toBe(0);
  expect(await metric("lantern_sse_clients")).toBe(0);
});

test("clients that never read are dropped, and Lantern's memory stays flat", async () => {
  test.setTimeout(60_000);
  const rssBefore = await metric("process_resident_memory_bytes");
  const droppedBefore = await metric("lantern_sse_dropped_total");
  const sockets: Socket[] = [];
  for (let i = 0; i < 30; i += 1) {
    const socket = connect(Number(new URL(lantern.url).port), "127.0.0.1", () => socket.write(`GET /api/events HTTP/1.1\r\nHost: ${host}\r\n\r\n`));
    socket.pause();
    socket.on("error", () => undefined);
    sockets.push(socket);
  }
  try {
    await waitFor(async () => (await health()).liveClients === 30, { what: "30 open streams" });
    await waitFor(async () => (await health()).liveClients === 0, { timeoutMs: 40_000, everyMs: 500, what: "every never-reading stream to be dropped" });
    expect((await metric("lantern_sse_dropped_total")) - droppedBefore).toBe(30);
    const grownMb = ((await metric("process_resident_memory_bytes")) - rssBefore) / 1024 / 1024;
    console.log(`RSS grew ${grownMb.toFixed(1)} MB while 30 never-reading clients were open and dropped`);
    // Unbounded queues grew ~10 MB a second here; the bound holds 30 × 0.5 MB at most.
    expect(grownMb).toBeLessThan(100);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});

test("a reading client keeps its stream while never-reading ones are dropped", async () => {
  const controller = new AbortController();
  const response = await fetch(`${lantern.url}/api/events`, { signal: controller.signal });
  const reader = response.body!.getReader();
  let bytes = 0;
  const until = Date.now() + 3_000;
  while (Date.now() < until) bytes += (await reader.read()).value?.byteLength ?? 0;
  expect(bytes).toBeGreaterThan(10_000);
  expect((await health()).liveClients).toBe(1);
  controller.abort();
});

test("no secret, in any form it can be written, leaves Lantern: API, live feed, pages, metrics, log", async ({ page }) => {
  const bodies: string[] = [];
  for (const path of ["/api/estate", "/api/metrics", "/api/health", "/", "/services/shop", "/api/tools/errors?q=connection%20refused", "/api/tools/errors?q=Security%20headers%20missing"]) {
    bodies.push(await (await fetch(`${lantern.url}${path}`)).text());
  }
  const run = await fetch(`${lantern.url}/api/probes/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dependencyId: "shop.web" }) });
  bodies.push(await run.text());
  const controller = new AbortController();
  const events = (await fetch(`${lantern.url}/api/events`, { signal: controller.signal })).body!.getReader();
  const until = Date.now() + 2_500;
  while (Date.now() < until) bodies.push(new TextDecoder().decode((await events.read()).value));
  controller.abort();
  await page.goto(`${lantern.url}/services/shop`);
  bodies.push(await page.content());

  const all = `${bodies.join("\n")}\n${lantern.output()}`;
  expect(all).toContain("shop.web");
  const leaks = Object.values(SECRETS).flatMap((secret) => writtenForms(secret).filter((form) => all.includes(form)));
  expect(leaks).toEqual([]);
  // The commands behind the readings name the variables, so they still work when pasted.
  expect(all).toContain("api_key=${E2E_API_KEY}");
  expect(all).toContain("X-Probe-Token: ${E2E_PROBE_TOKEN}");
});

test("a cross-site write is refused, and only application/json bodies are read", async () => {
  const post = (path: string, headers: Record<string, string>, body = JSON.stringify({ dependencyId: "shop.web" })) => fetch(`${lantern.url}${path}`, { method: "POST", headers, body });
  const crossSite = await post("/api/probes/run", { "content-type": "text/plain", origin: "https://evil.example" }, "dependencyId=shop.web");
  expect(crossSite.status).toBe(403);
  expect((await crossSite.json()).error.code).toBe("cross_site");
  expect((await post("/api/probes/run", { "content-type": "application/json", "sec-fetch-site": "cross-site" })).status).toBe(403);
  expect((await post("/api/lab/reset", { origin: "https://evil.example" }, "")).status).toBe(403);
  // A media type that merely mentions JSON is not JSON.
  expect((await post("/api/probes/run", { "content-type": "text/plain; x=application/json", origin: lantern.url })).status).toBe(400);
  expect((await post("/api/probes/run", { "content-type": "application/json", origin: lantern.url })).status).toBe(200);
});

test("bodies over the limit get 413 without being read whole", async () => {
  // A declared 200 MB body: refused at the door, before a byte of it is read.
  const started = performance.now();
  const declared = await rawRequest("POST", "/api/probes/run", { "content-type": "application/json", "content-length": String(200 * 1024 * 1024) }, "{");
  expect(declared.status).toBe(413);
  expect(performance.now() - started).toBeLessThan(5_000);
  // A chunked body that keeps coming: cut at the route's 64 KiB.
  const chunked = await rawRequest("POST", "/api/tools/token", { "content-type": "application/json", "transfer-encoding": "chunked" }, `{"token":"${"a".repeat(900 * 1024)}"}`);
  expect(chunked.status).toBe(413);
  expect(JSON.parse(chunked.body).error.code).toBe("payload_too_large");
});

test("Lantern's own pages and answers carry the security headers", async () => {
  for (const path of ["/", "/services/shop", "/api/estate", "/no-such-page"]) {
    const headers = (await fetch(`${lantern.url}${path}`)).headers;
    expect(headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    expect(headers.get("x-frame-options"), path).toBe("DENY");
    expect(headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(headers.get("referrer-policy"), path).toBe("no-referrer");
  }
});

test("odd requests get a 4xx in the one error shape and leave no stack in the log", async () => {
  expect((await rawRequest("TRACE", "/", {})).status).toBe(405);
  expect((await rawRequest("GET", "/%E0%A4%A", {})).status).toBe(400);
  expect((await fetch(`${lantern.url}/tools/errors?q=a&q=b`)).status).toBe(200);
  const twice = await fetch(`${lantern.url}/api/tools/errors?q=a&q=b`);
  expect(twice.status).toBe(400);
  expect((await twice.json()).error.message).toBe('give "q" once in the query string');
  expect(lantern.output()).not.toMatch(/\n\s+at \S+ \(/);
});

test("one client cannot spend the estate's manual runs or the token inspector, whatever address it claims", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 15; i += 1) {
    // Headers a client may set are not its address: the limit follows the socket.
    const spoofed = { "x-forwarded-for": `10.9.8.${i}`, "x-lantern-peer": `10.9.8.${i}`, "content-type": "application/json" };
    const response = await fetch(`${lantern.url}/api/probes/run`, { method: "POST", headers: spoofed, body: JSON.stringify({ dependencyId: `busy-${i}.cache` }) });
    statuses.push(response.status);
    if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  }
  expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(12);
  expect(statuses.slice(-3)).toEqual([429, 429, 429]);

  const inspections: number[] = [];
  for (let i = 0; i < 31; i += 1) {
    const response = await fetch(`${lantern.url}/api/tools/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "a.b.c" }) });
    inspections.push(response.status);
  }
  expect(inspections.slice(0, 30).every((s) => s === 200)).toBe(true);
  expect(inspections[30]).toBe(429);
});

/** One request on a socket of its own, for what fetch will not send (TRACE, a lying Content-Length, a raw path). */
function rawRequest(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const url = new URL(lantern.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    // The server may answer and hang up before the body is all sent: that is the point.
    request.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    if (body !== undefined) request.write(body);
    if (!headers["content-length"]) request.end();
  });
}
