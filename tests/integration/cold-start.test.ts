import { afterAll, beforeAll, expect, it } from "vitest";
import type { Lantern } from "@/lib/engine/runtime";
import { generatedEstate, PROBES_PER_SERVICE } from "../support/generated-estate";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { lanternFor } from "../support/lantern-in-process";
import { waitFor } from "../support/ports";

// A thousand healthy services started cold: Lantern's own rush of first runs
// must not read as trouble in the services it watches.
const SERVICES = 1_000;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;
let lantern: Lantern;

beforeAll(async () => {
  web = await startHttpEndpoint(json(200, { status: "UP" }));
  // A 10 s interval spreads 5,000 first runs over 10 s: 500 a second, a harsher start than the 30 s our users run.
  lantern = lanternFor(generatedEstate({ services: SERVICES, httpUrl: web.url, interval: "10s", timeout: "3s" }));
});

afterAll(async () => {
  await lantern?.stop();
  await web?.stop();
});

it("a cold start of 1,000 healthy services raises no finding, and their 4,000 dependencies share 4 clients", async () => {
  const instances = [...lantern.estate.dependencies.values()].flatMap((d) => d.probes);
  expect(instances).toHaveLength(SERVICES * PROBES_PER_SERVICE);
  const started = performance.now();
  lantern.scheduler.start();
  await waitFor(async () => instances.every((instance) => lantern.results.latest(instance.key)), { timeoutMs: 25_000, everyMs: 250, what: "a first result from every probe" });
  const firstRound = performance.now() - started;

  const notOk = instances.map((instance) => lantern.results.latest(instance.key)!).filter((result) => result.status !== "ok");
  console.log(`${instances.length} first results in ${(firstRound / 1000).toFixed(1)} s; not ok: ${notOk.length}`);
  expect(notOk.map((result) => `${result.key}: ${result.summary}`)).toEqual([]);
  expect(lantern.findings.list()).toEqual([]);
  expect(lantern.views.overview().services.filter((service) => service.status !== "ok")).toEqual([]);
  // One PostgreSQL pool, one Redis connection, one NATS connection, one HTTP agent.
  expect(lantern.clients.size).toBe(4);
}, 40_000);
