import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findingViews } from "@/lib/engine/finding-view";
import { type Lantern } from "@/lib/engine/runtime";
import { FixRunner } from "@/lib/fixes/fix-runner";
import { listAudit } from "@/lib/store/fix-records";
import { startHttpEndpoint } from "../support/health-endpoint";
import { ALICE, lanternOnStore, laterRunner } from "../support/lantern-in-process";
import { type StoreHome } from "../support/store-backends";

// http.action end to end: a service of the test's own, in trouble, told by the action it declares to get out of it.
const TOKEN = "tok-admin-0123456789abcdef";
const RATELIMIT_OFF = '{"enabled":false}';

/** What the service is and what it was sent: the test sets the trouble, the actions end it. */
const service = {
  limited: false,
  breaker: "closed" as "closed" | "open" | "half-open",
  /** The overload goes on: the limiter re-arms itself whatever it is told. */
  limiterRearms: false,
  /** The admin endpoint refuses, as a service whose limiter is pinned by its config would. */
  adminFails: false,
  sent: [] as { method: string; path: string; body: string; contentType?: string; authorization?: string }[],
};

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

async function serve(request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  const route = `${request.method} ${request.url}`;
  if (route === "GET /health") {
    if (service.limited) return answer(response, 429, { error: "rate limit exceeded" }, { "retry-after": "30", "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" });
    return answer(response, 200, { status: "healthy" });
  }
  if (route === "GET /breakers") return answer(response, 200, { states: { kong: service.breaker } });
  service.sent.push({ method: request.method!, path: request.url!, body, contentType: request.headers["content-type"], authorization: request.headers.authorization });
  if (service.adminFails) return answer(response, 500, { error: "the limiter is pinned on by configuration" });
  if (route === "POST /admin/ratelimit") {
    service.limited = service.limiterRearms || (JSON.parse(body) as { enabled: boolean }).enabled;
    return answer(response, 200, { enabled: service.limited });
  }
  if (route === "POST /debug/circuit-breaker/reset") {
    service.breaker = "closed";
    return answer(response, 200, { kong: "closed" });
  }
  return answer(response, 404, { error: "not found" });
}

let endpoint: Awaited<ReturnType<typeof startHttpEndpoint>>;
let home: StoreHome;
let lantern: Lantern;

beforeAll(async () => {
  endpoint = await startHttpEndpoint((request, response) => void serve(request, response));
  ({ lantern, home } = await lanternOnStore("postgres", "fixes-http", `services:
  - id: shop
    dependencies:
      - id: api
        kind: http
        url: "${endpoint.url}"
        headers: { Authorization: "Bearer \${SHOP_ADMIN_TOKEN}" }
        actions:
          - { id: ratelimit-off, title: Switch the rate limiter off, method: POST, path: /admin/ratelimit, body: '${RATELIMIT_OFF}', for: [http.rate-limited] }
          - { id: breaker-reset, title: Reset the Kong breaker, method: POST, path: /debug/circuit-breaker/reset, for: [http.breaker-open] }
        probes:
          - { probe: http.health, path: /health }
          - { probe: http.breakers, path: /breakers, source: { json: { states: states } } }
`, { SHOP_ADMIN_TOKEN: TOKEN }));
}, 60_000);

afterAll(async () => {
  await lantern?.stop();
  await home?.remove();
  await endpoint?.stop();
});

const probe = () => Promise.all(lantern.estate.dependencies.get("shop.api")!.probes.map((p) => lantern.runner.run(p, "manual")));
const finding = (id: string) => lantern.findings.list().find((f) => f.definition.id === id);
const offeredOn = (id: string) => findingViews(lantern.estate, lantern.findings.list()).find((f) => f.id === id)?.fixes;

let runner: FixRunner;
beforeEach(async () => {
  Object.assign(service, { limited: false, breaker: "closed", limiterRearms: false, adminFails: false, sent: [] });
  await probe();
  ({ runner } = laterRunner(lantern));
});

/** Previews the action the finding offers, then executes it, timing both. */
async function runOffered(findingId: string, key: string) {
  const raised = finding(findingId)!;
  const started = performance.now();
  const preview = await runner.preview({ dependencyId: "shop.api", fixId: "http.action", findingKey: raised.key }, ALICE);
  const previewMs = performance.now() - started;
  const sentByPreview = service.sent.length;
  const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: key }, ALICE);
  const executeMs = performance.now() - started - previewMs;
  console.log(`${findingId} → http.action ${preview.targets[0]?.id}: preview ${previewMs.toFixed(1)} ms, execute → ${run.outcome} ${executeMs.toFixed(1)} ms`);
  return { preview, run, sentByPreview };
}

describe("http.action", () => {
  it("switches a rate limiter off with the request the estate declares, proves it by probing again, and audits it", async () => {
    service.limited = true;
    await probe();
    expect(finding("http.rate-limited")?.severity).toBe("warn");
    expect(offeredOn("http.rate-limited")).toEqual([
      { id: "http.action", title: "Switch the rate limiter off", risk: "caution", params: { action: "ratelimit-off" } },
    ]);

    const { preview, run, sentByPreview } = await runOffered("http.rate-limited", "key-ratelimit-off");
    expect(sentByPreview).toBe(0);
    expect(preview).toMatchObject({ risk: "caution", confirm: null, ask: expect.stringContaining("cause behind this finding") });
    expect(preview.summary).toBe(`Switch the rate limiter off: send POST /admin/ratelimit to 127.0.0.1:${endpoint.port} with ${RATELIMIT_OFF}`);
    expect(preview.targets).toEqual([
      { id: "ratelimit-off", label: `POST ${endpoint.url}/admin/ratelimit ${RATELIMIT_OFF}`, details: { action: "ratelimit-off", method: "POST", url: `${endpoint.url}/admin/ratelimit`, body: RATELIMIT_OFF } },
    ]);

    expect(run).toMatchObject({ outcome: "verified", summary: `Switch the rate limiter off: POST /admin/ratelimit answered HTTP 200 ({"enabled":false})`, verification: { findingCleared: true } });
    // Exactly the declared request, once, with the dependency's own headers.
    expect(service.sent).toEqual([{ method: "POST", path: "/admin/ratelimit", body: RATELIMIT_OFF, contentType: "application/json", authorization: `Bearer ${TOKEN}` }]);
    expect(finding("http.rate-limited")).toBeUndefined();

    const audit = await listAudit(lantern.records!.store, { limit: 2 });
    expect(audit.entries.map((e) => [e.action, e.fixId, e.outcome, e.actor, e.params.action])).toEqual([
      ["execute", "http.action", "verified", "alice", "ratelimit-off"],
      ["preview", "http.action", "previewed", "alice", "ratelimit-off"],
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain(TOKEN);
  });

  it("resets an open breaker; a finding no action is declared for offers none", async () => {
    service.breaker = "half-open";
    await probe();
    expect(finding("http.breaker-half-open")).toBeDefined();
    expect(offeredOn("http.breaker-half-open")).toEqual([]);

    service.breaker = "open";
    await probe();
    const { preview, run } = await runOffered("http.breaker-open", "key-breaker-reset");
    expect(preview.targets.map((t) => t.label)).toEqual([`POST ${endpoint.url}/debug/circuit-breaker/reset`]);
    expect(run).toMatchObject({ outcome: "verified", summary: 'Reset the Kong breaker: POST /debug/circuit-breaker/reset answered HTTP 200 ({"kong":"closed"})' });
    expect(service.sent.map((s) => `${s.method} ${s.path} ${s.body}`)).toEqual(["POST /debug/circuit-breaker/reset "]);
    expect(finding("http.breaker-open")).toBeUndefined();
  });

  it("is not verified when the cause is still there: the limiter re-arms while the overload lasts", async () => {
    service.limited = true;
    service.limiterRearms = true;
    await probe();
    const { run } = await runOffered("http.rate-limited", "key-rearms");
    expect(run.outcome).toBe("not-verified");
    expect(run.verification.findingCleared).toBe(false);
    expect(run.summary).toMatch(/^Switch the rate limiter off: POST \/admin\/ratelimit answered HTTP 200 \(\{"enabled":true\}\); but still: HTTP 429, .*rate limit 0 of 10 left/);
  });

  it("fails, in the service's own words, when the action is refused", async () => {
    service.limited = true;
    service.adminFails = true;
    await probe();
    const { run } = await runOffered("http.rate-limited", "key-refused");
    expect(run.outcome).toBe("failed");
    expect(run.summary).toBe('the fix itself failed: POST /admin/ratelimit answered HTTP 500 ({"error":"the limiter is pinned on by configuration"})');
    const [last] = (await listAudit(lantern.records!.store, { limit: 1 })).entries;
    expect([last?.action, last?.outcome]).toEqual(["execute", "failed"]);
  });
});
