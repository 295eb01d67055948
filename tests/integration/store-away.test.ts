import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FaultProxy } from "@/lab/fault-proxy";
import { createLanternMetrics } from "@/lib/metrics/lantern-metrics";
import { openStore } from "@/lib/store/open-store";
import type { Store } from "@/lib/store/store";
import { WriteQueue } from "@/lib/store/write-queue";
import { freePort, waitFor } from "../support/ports";
import { ADMIN_URL, storeHome, type StoreHome } from "../support/store-backends";

// A PostgreSQL store that goes away while Lantern writes: writes wait in a bounded buffer and catch up.
let home: StoreHome;
let proxy: FaultProxy;
let store: Store;

beforeAll(async () => {
  home = await storeHome("postgres", "away");
  proxy = new FaultProxy("store", await freePort(), 5432);
  await proxy.start();
  const database = new URL(home.env.LANTERN_DATABASE_URL!).pathname;
  store = await openStore({ LANTERN_DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}${database}` }, () => undefined);
  await store.query("CREATE TABLE away (n integer PRIMARY KEY)");
});

afterAll(async () => {
  await proxy.set("pass");
  await store.close();
  await proxy.stop();
  await home.remove();
});

it("buffers writes while the store is unreachable, says so, and writes them all once it answers", async () => {
  const metrics = createLanternMetrics({ processMetrics: false });
  const log: string[] = [];
  const writes = new WriteQueue(store, { buffered: metrics.storeBuffered, dropped: metrics.storeDropped }, (line) => log.push(line), 50);
  const write = (n: number) => writes.push(`row ${n}`, (db) => db.query("INSERT INTO away (n) VALUES ($1)", [n]));

  write(1);
  await writes.flush();
  await proxy.set("refuse");
  for (let n = 2; n <= 60; n += 1) write(n);
  await waitFor(async () => !writes.storeReachable, { what: "the queue to notice the store is gone" });
  // 59 writes for a buffer of 50: the oldest 9 are given up, and counted.
  expect(writes.size).toBe(50);
  expect((await metrics.storeDropped.get()).values[0]?.value).toBe(9);
  expect((await metrics.storeBuffered.get()).values[0]?.value).toBe(50);

  await proxy.set("pass");
  await waitFor(async () => writes.storeReachable && writes.size === 0, { timeoutMs: 20_000, what: "the buffered writes to go out" });
  const admin = new pg.Client({ connectionString: `${ADMIN_URL.replace(/\/postgres$/, "")}${new URL(home.env.LANTERN_DATABASE_URL!).pathname}` });
  await admin.connect();
  const rows = (await admin.query<{ n: number }>("SELECT n FROM away ORDER BY n")).rows.map((r) => r.n);
  await admin.end();
  expect(rows).toEqual([1, ...Array.from({ length: 50 }, (_, i) => i + 11)]);
  expect(log.some((line) => /is unreachable .*buffering writes/.test(line))).toBe(true);
  expect(log.some((line) => /answers again: writing/.test(line))).toBe(true);
}, 40_000);
