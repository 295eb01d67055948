import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHungListener } from "../support/hung-listener";
import { lanternFor } from "../support/lantern-in-process";
import { waitFor } from "../support/ports";
import type { Lantern } from "@/lib/engine/runtime";

// A dependency that accepts the connection and never answers: the hard deadline must hold for every kind.
const TIMEOUT_MS = 1500;
// Lantern's own event loop held up past a probe's deadline: a healthy dependency must not be called down for it.
const STALL_TIMEOUT_MS = 300;
let hung: Awaited<ReturnType<typeof startHungListener>>;
let lantern: Lantern;

beforeAll(async () => {
  hung = await startHungListener();
  lantern = lanternFor(`
defaults: { interval: 10s, timeout: ${TIMEOUT_MS}ms }
services:
  - id: hung
    dependencies:
      - { id: pg, kind: postgres, url: "postgres://postgres@127.0.0.1:${hung.port}/postgres" }
      - { id: redis, kind: redis, url: "redis://127.0.0.1:${hung.port}/0" }
      - { id: nats, kind: nats, url: "nats://127.0.0.1:${hung.port}" }
      - { id: web, kind: http, url: "http://127.0.0.1:${hung.port}" }
  - id: shop
    dependencies:
      - { id: cache, kind: redis, url: "redis://127.0.0.1:6379/0", timeout: ${STALL_TIMEOUT_MS}ms }
      - { id: stuck, kind: redis, url: "redis://127.0.0.1:${hung.port}/0", timeout: ${STALL_TIMEOUT_MS}ms }
`);
});

afterAll(async () => {
  await lantern.stop();
  await hung.stop();
});

describe("a listener that accepts and never answers", () => {
  for (const kind of ["pg", "redis", "nats", "web"]) {
    it(`${kind}: down (timeout) at the deadline ± 200 ms, and no socket left behind`, async () => {
      const dependency = lantern.estate.dependencies.get(`hung.${kind}`)!;
      const started = performance.now();
      const result = await lantern.runner.run(dependency.probes[0]!, "manual");
      const elapsed = performance.now() - started;
      expect(result.status).toBe("down");
      expect(result.summary).toContain(`timeout after ${TIMEOUT_MS} ms`);
      expect(result.summary).not.toContain("re-checked");
      expect(Math.abs(elapsed - TIMEOUT_MS)).toBeLessThanOrEqual(200);
      await waitFor(async () => hung.connections() === 0, { timeoutMs: 3000, what: `${kind} to close its socket` });
    });
  }

  it("runs again and again without piling up connections", async () => {
    const dependency = lantern.estate.dependencies.get("hung.redis")!;
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, hung.connections())), 20);
    for (let i = 0; i < 3; i += 1) await lantern.runner.run(dependency.probes[0]!, "schedule");
    clearInterval(sampler);
    expect(most).toBe(1);
  });

  it("answers from the last results while a run is in flight", async () => {
    const dependency = lantern.estate.dependencies.get("hung.pg")!;
    const inFlight = lantern.runner.run(dependency.probes[0]!, "schedule");
    expect(lantern.runner.isRunning(dependency.probes[0]!.key)).toBe(true);
    // A second request joins the first rather than starting another.
    expect(lantern.runner.run(dependency.probes[0]!, "manual")).toBe(inFlight);
    expect(lantern.results.latest(dependency.probes[0]!.key)?.status).toBe("down");
    await inFlight;
  });
});

/** Keeps this process's event loop busy, as thousands of events to serialise would. */
function stall(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const metric = async (name: string) => (await lantern.metrics.registry.getSingleMetricAsString(name)).split("\n").filter((line) => !line.startsWith("#"));

describe("a deadline that passes while Lantern is stalled", () => {
  it("is re-checked once: the healthy Redis stays ok, and the result says why it took longer", async () => {
    const probe = lantern.estate.dependencies.get("shop.cache")!.probes[0]!;
    await lantern.runner.run(probe, "manual");
    const run = lantern.runner.run(probe, "manual");
    // Once the command is on its way, the loop stops: the answer arrives, but nothing reads it until the deadline has passed.
    await new Promise((resolve) => setImmediate(resolve));
    stall(STALL_TIMEOUT_MS + 400);
    const result = await run;
    expect(result.status).toBe("ok");
    expect(result.summary).toMatch(/\(re-checked: Lantern itself was stalled \d+ ms during the first attempt\)$/);
    expect(await metric("lantern_probe_rechecks_total")).toContain('lantern_probe_rechecks_total{kind="redis",outcome="ok"} 1');
  });

  it("a dependency that truly hangs is down after the second attempt too, and no faster", async () => {
    const probe = lantern.estate.dependencies.get("shop.stuck")!.probes[0]!;
    const started = performance.now();
    const run = lantern.runner.run(probe, "manual");
    await new Promise((resolve) => setImmediate(resolve));
    stall(STALL_TIMEOUT_MS + 400);
    const result = await run;
    expect(result.status).toBe("down");
    expect(result.summary).toContain(`timeout after ${STALL_TIMEOUT_MS} ms`);
    expect(result.summary).toContain("re-checked");
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * STALL_TIMEOUT_MS);
  });

  it("without a stall, a timeout is believed at once", async () => {
    const probe = lantern.estate.dependencies.get("shop.stuck")!.probes[0]!;
    const result = await lantern.runner.run(probe, "manual");
    expect(result.status).toBe("down");
    expect(result.summary).not.toContain("re-checked");
  });
});
