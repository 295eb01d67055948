// npm run bench: figures, never verdicts. Probe latency beside the raw clients,
// the production server's idle memory, and what the overview page ships.
// `npm run bench -- scale` measures Lantern at 100 to 2,000 services instead (scale.ts),
// `npm run bench -- soak` its memory over an hour at 1,000 (soak.ts).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { parseEstate } from "@/lib/config/load-estate";
import { upsertHistory } from "@/lib/store/history";
import { openStore } from "@/lib/store/open-store";
import { insertTimelineEntries } from "@/lib/store/timeline";
import { lanternFor } from "../support/lantern-in-process";
import { startLanternServer } from "../support/lantern-server";
import { storeHome } from "../support/store-backends";

const RUNS = 200;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (n: number) => `${n.toFixed(3)} ms`;

async function probeLatency() {
  const lantern = lanternFor(`
defaults: { interval: 60s, timeout: 2s }
services:
  - id: bench
    dependencies:
      - { id: pg, kind: postgres, url: "postgres://postgres@127.0.0.1:5432/postgres" }
      - { id: redis, kind: redis, url: "redis://127.0.0.1:6379/0" }
      - { id: nats, kind: nats, url: "nats://127.0.0.1:4222" }
`);
  const rows: Record<string, string>[] = [];
  for (const dependency of lantern.estate.dependencies.values()) {
    const instance = dependency.probes[0]!;
    await lantern.runner.run(instance, "manual");
    const latency: number[] = [];
    const duration: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const result = await lantern.runner.run(instance, "manual");
      latency.push(result.latencyMs);
      duration.push(result.durationMs);
    }
    rows.push({ probe: instance.probe.id, "latency p50": ms(percentile(latency, 50)), "latency p95": ms(percentile(latency, 95)), "whole run p50": ms(percentile(duration, 50)), "whole run p95": ms(percentile(duration, 95)) });
  }
  await lantern.stop();
  console.log(`\nProbe latency over ${RUNS} runs each (latency: the dependency's answer; whole run: connection, reads, judging)`);
  console.table(rows);

  const redisCli = spawnSync("timeout", ["3", "redis-cli", "--latency"], { encoding: "utf8" }).stdout.trim().split(/\r|\n/).at(-1);
  console.log(`redis-cli --latency (min max avg samples, ms): ${redisCli}`);
  const psql = spawnSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-X", "-q", "-c", "\\timing on", ...Array(20).fill(["-c", "SELECT 1"]).flat()], { encoding: "utf8" });
  const times = [...psql.stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1])).slice(1);
  console.log(`psql \\timing, SELECT 1 x${times.length}: p50 ${ms(percentile(times, 50))}, min ${ms(Math.min(...times))}`);
}

async function server() {
  const started = performance.now();
  const server = await startLanternServer(readFileSync("lab/estate.yaml", "utf8").replace(/\$\{LAB_INTERVAL:-5s\}/, "15s"));
  const ready = performance.now() - started;
  try {
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const metrics = await (await server.fetch("/api/metrics")).text();
    const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(metrics)?.[1]);
    const { probes, store } = (await (await server.fetch("/api/health")).json()) as { probes: number; store: { backend: string } };
    console.log(`\nProduction server (store: ${store.backend}, created on this start): answering ${(ready / 1000).toFixed(1)} s after spawn`);
    console.log(`RSS after 20 s watching the demo estate every 15 s (${probes} probes; without the lab running, nothing answers): ${(rss / 1024 / 1024).toFixed(0)} MiB`);

    const html = await (await server.fetch("/")).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    let raw = 0;
    let gzip = 0;
    for (const src of new Set(scripts)) {
      const body = Buffer.from(await (await server.fetch(new URL(src, server.url).pathname)).arrayBuffer());
      raw += body.length;
      gzip += gzipSync(body).length;
    }
    console.log(`Overview first-load JS: ${new Set(scripts).size} scripts, ${(raw / 1024).toFixed(0)} KiB raw, ${(gzip / 1024).toFixed(0)} KiB gzip`);
    const snapshot = await server.fetch("/api/snapshots", { method: "POST", headers: { "content-type": "application/json", origin: server.url }, body: JSON.stringify({ title: "bench" }) });
    console.log(`A snapshot of the lab estate: ${(((await snapshot.json()) as { bytes: number }).bytes / 1024).toFixed(0)} KiB`);
  } finally {
    await server.stop();
  }
}

/** What Lantern's store costs on each backend at the lab's size: opening it, a history flush, a timeline entry, a day of rows. */
async function storeCosts() {
  const estate = parseEstate(readFileSync("lab/estate.yaml", "utf8"), "lab/estate.yaml", {});
  const keys = [...estate.dependencies.values()].flatMap((d) => d.probes.map((p) => p.key));
  const rows: Record<string, string>[] = [];
  for (const backend of ["pglite", "postgres"] as const) {
    const home = await storeHome(backend, "bench");
    try {
      const creating = performance.now();
      await (await openStore(home.env, () => undefined)).close();
      const createMs = performance.now() - creating;
      // Reopening in a fresh process: what each start of Lantern pays.
      const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/bench/store-rss.ts"], { env: { ...process.env, ...home.env }, encoding: "utf8" });
      const { openMs, rssMiB } = JSON.parse(child.stdout) as { openMs: number; rssMiB: number };
      const store = await openStore(home.env, () => undefined);
      const minute = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
      const flush: number[] = [];
      for (let n = 0; n < RUNS; n += 1) {
        const t = performance.now();
        await upsertHistory(store, keys.map((probeKey) => ({ probeKey, minute: minute(n), worst: "ok", summary: "PING in 0.2 ms, 12 of 10000 connected", series: n, latencyMin: 0.2, latencyMax: 0.9, runs: 4 })));
        flush.push(performance.now() - t);
      }
      const timeline: number[] = [];
      for (let n = 0; n < RUNS; n += 1) {
        const t = performance.now();
        await insertTimelineEntries(store, [{ at: minute(n), kind: "dependency-status", serviceId: "s", dependencyId: "s.d", findingKey: null, severity: null, status: "warn", previousStatus: "ok", summary: "Cache: warn — used 52 MiB of 64 MiB", actor: "lantern", role: null, data: {} }]);
        timeline.push(performance.now() - t);
      }
      // A whole day for the lab's probes, then its size.
      for (let n = RUNS; n < 1_440; n += 60) {
        await upsertHistory(store, Array.from({ length: 60 }, (_, i) => keys.map((probeKey) => ({ probeKey, minute: minute(n + i), worst: "ok" as const, summary: "PING in 0.2 ms, 12 of 10000 connected", series: n, latencyMin: 0.2, latencyMax: 0.9, runs: 4 }))).flat());
      }
      const [{ bytes, count }] = (await store.query<{ bytes: number; count: number }>("SELECT pg_total_relation_size('history')::int8 AS bytes, count(*)::int AS count FROM history")) as [{ bytes: number; count: number }];
      rows.push({
        backend,
        "first open (creates, migrates)": `${createMs.toFixed(0)} ms`,
        "open in a new process": `${openMs.toFixed(0)} ms`,
        "its RSS": `+${rssMiB.toFixed(0)} MiB`,
        [`history flush (${keys.length} rows) p50/p99`]: `${ms(percentile(flush, 50))} / ${ms(percentile(flush, 99))}`,
        "timeline entry p50/p99": `${ms(percentile(timeline, 50))} / ${ms(percentile(timeline, 99))}`,
        "a day of history": `${count.toLocaleString("en-US")} rows, ${(bytes / 1024 / 1024).toFixed(1)} MiB`,
      });
      await store.close();
    } finally {
      await home.remove();
    }
  }
  console.log("\nLantern's store at the lab estate's size");
  console.table(rows);
}

if (process.argv.includes("scale")) {
  await import("./scale");
} else if (process.argv.includes("soak")) {
  await import("./soak");
} else {
  await probeLatency();
  await storeCosts();
  await server();
}
