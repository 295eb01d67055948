import { connect, type Socket } from "node:net";
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { writtenForms } from "@/lib/secrets/redactor";
import { accessSecretsOf, leakedIn, recordResponses, signInForFetch } from "../support/access-secrets";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { waitFor } from "../support/ports";

// A client against the production server: what it cannot make Lantern hold, leak, run or
// serve. It holds a token (the suite runs in token mode), so each test is about what it
// names and not about signing in; the cross-site checks send what a browser on another
// site can send. A busy service (about 240 results a second) makes its page's live feed heavy.
const SECRETS = { E2E_API_KEY: "ab+cd/ef==zz", E2E_TOKEN: "tok-e2e-5501", E2E_PROBE_TOKEN: "probe+e2e/77" };
const BUSY_DEPENDENCIES = 20;
const BUSY_FEED = "/api/events?serviceId=busy";
let lantern: LanternServer;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;
let host: string;

test.beforeAll(async () => {
  web = await startHttpEndpoint(json(200, { status: "healthy" }));
  const busy = Array.from(
    { length: BUSY_DEPENDENCIES },
    (_, i) => `      - { id: cache-${i}, kind: redis, url: "redis://127.0.0.1:6379/0", probes: [{ probe: redis.reachable }, { probe: redis.clients }, { probe: redis.memory }] }`,
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
  - id: busy
    dependencies:
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
  return (await lantern.fetch(`/api/health`)).json();
}

async function metric(name: string): Promise<number> {
  const text = await (await lantern.fetch(`/api/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
}

test("a HEAD of the live feed opens no stream", async () => {
  for (let i = 0; i < 100; i += 1) {
    const response = await lantern.fetch(`/api/events`, { method: "HEAD" });
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
    const socket = connect(Number(new URL(lantern.url).port), "127.0.0.1", () => socket.write(`GET ${BUSY_FEED} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${lantern.viewerToken}\r\n\r\n`));
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
    // Unbounded queues grew ~10 MB a second here, ~360 MB in this test's time; the bound holds 30 × 0.5 MB
    // at most. RSS also moves with the heap's own rhythm: up to ~120 MB was seen with the other worker busy.
    expect(grownMb).toBeLessThan(200);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});

test("a reading client keeps its stream while never-reading ones are dropped", async () => {
  const controller = new AbortController();
  const response = await lantern.fetch(BUSY_FEED, { signal: controller.signal });
  const reader = response.body!.getReader();
  let bytes = 0;
  const until = Date.now() + 3_000;
  while (Date.now() < until) bytes += (await reader.read()).value?.byteLength ?? 0;
  expect(bytes).toBeGreaterThan(10_000);
  expect((await health()).liveClients).toBe(1);
  controller.abort();
});

test("no secret, in any form it can be written, leaves Lantern: API, live feed, pages, metrics, log", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  const browserResponses = recordResponses(page, lantern.url);
  const { cookie, session } = await signInForFetch(lantern, "operator");
  const bodies: string[] = [];
  for (const path of ["/api/estate", "/api/overview", "/api/services/shop", "/api/metrics", "/api/health", "/", "/services/shop", "/api/tools/errors?q=connection%20refused", "/api/tools/errors?q=Security%20headers%20missing"]) {
    bodies.push(await (await lantern.fetch(path)).text());
  }
  // As a signed-in browser asks: by session cookie, no bearer.
  for (const path of ["/api/estate", "/api/session", "/services/shop"]) bodies.push(await (await fetch(`${lantern.url}${path}`, { headers: { cookie } })).text());
  const run = await lantern.fetch(`/api/probes/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dependencyId: "shop.web" }) });
  bodies.push(await run.text());
  const controller = new AbortController();
  const events = (await lantern.fetch(`/api/events?serviceId=shop`, { signal: controller.signal })).body!.getReader();
  const until = Date.now() + 2_500;
  while (Date.now() < until) bodies.push(new TextDecoder().decode((await events.read()).value));
  controller.abort();
  await page.goto(`${lantern.url}/services/shop`);
  await expect(page.locator('section[data-dependency="shop.web"]')).toBeVisible();
  bodies.push(await page.content());
  bodies.push(...(await browserResponses()));

  const all = `${bodies.join("\n")}\n${lantern.output()}`;
  expect(all).toContain("shop.web");
  const leaks = Object.values(SECRETS).flatMap((secret) => writtenForms(secret).filter((form) => all.includes(form)));
  expect(leaks).toEqual([]);
  // Nor Lantern's own credentials: its tokens, their hashes, the sessions' cookies.
  expect(leakedIn(all, { ...(await accessSecretsOf(lantern, page)), "fetch session cookie": session })).toEqual([]);
  // The commands behind the readings name the variables, so they still work when pasted.
  expect(all).toContain("api_key=${E2E_API_KEY}");
  expect(all).toContain("X-Probe-Token: ${E2E_PROBE_TOKEN}");
});

test("a cross-site write is refused, and only application/json bodies are read", async () => {
  const body = JSON.stringify({ dependencyId: "shop.web" });
  // What a page on another site can make a browser send: no bearer header, the user's cookies at most.
  const asBrowser = (path: string, headers: Record<string, string>, text = body) => fetch(`${lantern.url}${path}`, { method: "POST", headers, body: text });
  const crossSite = await asBrowser("/api/probes/run", { "content-type": "text/plain", origin: "https://evil.example" }, "dependencyId=shop.web");
  expect(crossSite.status).toBe(403);
  expect((await crossSite.json()).error.code).toBe("cross_site");
  const fetchSite = await asBrowser("/api/probes/run", { "content-type": "application/json", "sec-fetch-site": "cross-site" });
  expect(fetchSite.status).toBe(403);
  expect((await fetchSite.json()).error.code).toBe("cross_site");
  const reset = await asBrowser("/api/lab/reset", { origin: "https://evil.example" }, "");
  expect(reset.status).toBe(403);
  expect((await reset.json()).error.code).toBe("cross_site");

  // A signed-in operator's cookies ride along on a cross-site request: refused all the same, even with the CSRF token.
  const { cookie, csrf } = await signInForFetch(lantern, "operator");
  const signedIn = { cookie, "x-csrf-token": csrf, "content-type": "application/json" };
  const elsewhere: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
  for (const from of elsewhere) {
    const answer = await asBrowser("/api/probes/run", { ...signedIn, ...from });
    expect(answer.status, JSON.stringify(from)).toBe(403);
    expect((await answer.json()).error.code, JSON.stringify(from)).toBe("cross_site");
  }
  // From Lantern's own pages a cookie still needs the CSRF token beside it: the cookie alone proves nothing.
  for (const token of [undefined, "not-the-token"]) {
    const answer = await asBrowser("/api/probes/run", { cookie, "content-type": "application/json", origin: lantern.url, ...(token ? { "x-csrf-token": token } : {}) });
    expect(answer.status).toBe(403);
    expect((await answer.json()).error.code).toBe("csrf");
  }
  expect((await asBrowser("/api/probes/run", { ...signedIn, origin: lantern.url, "sec-fetch-site": "same-origin" })).status).toBe(200);

  // A bearer header cannot ride on a browser's cross-site request: a client holding the token is judged by it alone.
  expect((await lantern.fetch("/api/probes/run", { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body })).status).toBe(200);
  // A media type that merely mentions JSON is not JSON.
  const post = (headers: Record<string, string>) => lantern.fetch("/api/probes/run", { method: "POST", headers, body });
  expect((await post({ "content-type": "text/plain; x=application/json", origin: lantern.url })).status).toBe(400);
  expect((await post({ "content-type": "application/json", origin: lantern.url })).status).toBe(200);
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
  const answers: [string, Response][] = [];
  for (const path of ["/", "/services/shop", "/api/estate", "/no-such-page"]) answers.push([path, await lantern.fetch(path)]);
  // And what someone not signed in gets: the sign-in page, a redirect to it, a 401.
  for (const path of ["/login", "/", "/api/estate"]) answers.push([`${path} (not signed in)`, await fetch(`${lantern.url}${path}`, { redirect: "manual" })]);
  expect(answers.slice(4).map(([, answer]) => answer.status)).toEqual([200, 307, 401]);
  for (const [path, { headers }] of answers) {
    expect(headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    expect(headers.get("x-frame-options"), path).toBe("DENY");
    expect(headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(headers.get("referrer-policy"), path).toBe("no-referrer");
  }
});

test("odd requests get a 4xx in the one error shape and leave no stack in the log", async () => {
  expect((await rawRequest("TRACE", "/", {})).status).toBe(405);
  expect((await rawRequest("GET", "/%E0%A4%A", {})).status).toBe(400);
  expect((await lantern.fetch(`/tools/errors?q=a&q=b`)).status).toBe(200);
  const twice = await lantern.fetch(`/api/tools/errors?q=a&q=b`);
  expect(twice.status).toBe(400);
  expect((await twice.json()).error.message).toBe('give "q" once in the query string');
  expect(lantern.output()).not.toMatch(/\n\s+at \S+ \(/);
});

test("one client cannot spend the estate's manual runs or the token inspector, whatever address it claims", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 15; i += 1) {
    // Headers a client may set are not its address: the limit follows the socket.
    const spoofed = { "x-forwarded-for": `10.9.8.${i}`, "x-lantern-peer": `10.9.8.${i}`, "content-type": "application/json" };
    const response = await lantern.fetch(`/api/probes/run`, { method: "POST", headers: spoofed, body: JSON.stringify({ dependencyId: `busy.cache-${i}` }) });
    statuses.push(response.status);
    if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  }
  expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(12);
  expect(statuses.slice(-3)).toEqual([429, 429, 429]);

  const inspections: number[] = [];
  for (let i = 0; i < 31; i += 1) {
    const response = await lantern.fetch(`/api/tools/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "a.b.c" }) });
    inspections.push(response.status);
  }
  expect(inspections.slice(0, 30).every((s) => s === 200)).toBe(true);
  expect(inspections[30]).toBe(429);
});

/** One request on a socket of its own, for what fetch will not send (TRACE, a lying Content-Length, a raw path); as the operator unless it says who it is. */
function rawRequest(method: string, path: string, given: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const url = new URL(lantern.url);
  const headers: Record<string, string> = { authorization: `Bearer ${lantern.token}`, ...given };
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
