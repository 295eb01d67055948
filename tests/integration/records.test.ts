import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LanternEvent } from "@/lib/engine/event-bus";
import { restoreFromStore } from "@/lib/engine/restore";
import { createLantern, type Lantern } from "@/lib/engine/runtime";
import { parseEstate } from "@/lib/config/load-estate";
import { historyOf } from "@/lib/store/history";
import { openStore } from "@/lib/store/open-store";
import { listTimeline } from "@/lib/store/timeline";
import { instance } from "../support/lantern-in-process";
import { storeHome, type StoreHome } from "../support/store-backends";

// What Lantern remembers across a restart, on both backends: a finding's first moment, the timeline, the history.
const DB = 13;
const KEY = `lantern_test_records_${process.pid}`;
const ESTATE = `
services:
  - id: jobs
    dependencies:
      - id: queue
        kind: redis
        url: "redis://127.0.0.1:6379/${DB}"
        probes: [{ probe: redis.queue, key: ${KEY}, warn: 10, crit: 1000 }]
`;
const redis = new Redis({ db: DB });

afterAll(async () => {
  await redis.del(KEY);
  redis.disconnect();
});

describe.each(["pglite", "postgres"] as const)("Lantern's records on %s", (backend) => {
  let home: StoreHome;
  beforeAll(async () => (home = await storeHome(backend, "records")), 60_000);
  afterAll(() => home.remove());

  async function start(): Promise<{ lantern: Lantern; events: LanternEvent[] }> {
    const store = await openStore(home.env, () => undefined);
    const lantern = createLantern(parseEstate(ESTATE, "records.yaml", {}), { store });
    await restoreFromStore(lantern, store);
    const events: LanternEvent[] = [];
    lantern.bus.subscribe((event) => events.push(event));
    return { lantern, events };
  }

  async function settle(lantern: Lantern) {
    lantern.records!.history.flush();
    await lantern.records!.writes.flush();
  }

  const probe = (lantern: Lantern) => lantern.runner.run(instance(lantern.estate, "jobs.queue/redis.queue"), "manual");

  it("a restart keeps a finding's since, does not announce it again, and keeps the timeline and history", async () => {
    await redis.del(KEY);
    await redis.rpush(KEY, ...Array.from({ length: 20 }, (_, i) => `job-${i}`));

    const first = await start();
    await probe(first.lantern);
    const raised = first.lantern.findings.list()[0]!;
    expect(raised).toMatchObject({ key: "jobs.queue/redis.queue-backlog", severity: "warn" });
    expect(first.events.filter((e) => e.type === "finding").map((e) => e.type === "finding" && e.action)).toEqual(["raised"]);
    await settle(first.lantern);
    await first.lantern.stop();

    const second = await start();
    await probe(second.lantern);
    expect(second.lantern.findings.list()[0]).toMatchObject({ key: raised.key, since: raised.since });
    // The same finding, seen by a new process: no "raised" event, so no page announces it as new.
    expect(second.events.filter((e) => e.type === "finding")).toEqual([]);
    await settle(second.lantern);

    const store = second.lantern.records!.store;
    const timeline = await listTimeline(store, { limit: 100, dependencyId: "jobs.queue" });
    expect(timeline.entries.filter((e) => e.kind === "finding-raised").map((e) => [e.findingKey, e.data.since])).toEqual([[raised.key, raised.since]]);
    // Unknown → warn once; the restart announced no status change.
    expect(timeline.entries.filter((e) => e.kind === "dependency-status").map((e) => `${e.previousStatus}→${e.status}`)).toEqual(["null→warn"]);
    const minutes = await historyOf(store, ["jobs.queue/redis.queue"], new Date(Date.now() - 3_600_000));
    expect(minutes.reduce((runs, m) => runs + m.runs, 0)).toBe(2);
    expect(minutes.at(-1)).toMatchObject({ worst: "warn", series: 20 });
    await second.lantern.stop();
  }, 60_000);

  it("a finding that ended while Lantern was away is cleared in the timeline at the next start", async () => {
    await redis.del(KEY);
    const third = await start();
    await probe(third.lantern);
    expect(third.lantern.findings.list()).toEqual([]);
    expect(third.events.filter((e) => e.type === "finding").map((e) => e.type === "finding" && [e.action, e.finding.key])).toEqual([["cleared", "jobs.queue/redis.queue-backlog"]]);
    await settle(third.lantern);
    const timeline = await listTimeline(third.lantern.records!.store, { limit: 100, dependencyId: "jobs.queue" });
    expect(new Set(timeline.entries.slice(0, 2).map((e) => `${e.kind} ${e.status ?? e.findingKey}`))).toEqual(new Set(["finding-cleared jobs.queue/redis.queue-backlog", "dependency-status ok"]));
    await third.lantern.stop();
  }, 60_000);
});
