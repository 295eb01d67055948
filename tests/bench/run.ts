// npm run bench: figures, never verdicts. Probe latency beside the raw clients,
// the production server's idle memory, and what the overview page ships.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { lanternFor } from "../support/lantern-in-process";
import { startLanternServer } from "../support/lantern-server";

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
  const server = await startLanternServer(readFileSync("lab/estate.yaml", "utf8").replace(/\$\{LAB_INTERVAL:-5s\}/, "15s"));
  try {
    const pid = Number(spawnSync("pgrep", ["-n", "-f", "next-server"], { encoding: "utf8" }).stdout.trim());
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    const { probes } = (await (await fetch(`${server.url}/api/health`)).json()) as { probes: number };
    console.log(`\nProduction server RSS after 20 s watching the demo estate every 15 s (${probes} probes; without the lab running, nothing answers): ${(Number(rss) / 1024).toFixed(0)} MiB`);

    const html = await (await fetch(server.url)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    let raw = 0;
    let gzip = 0;
    for (const src of new Set(scripts)) {
      const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
      raw += body.length;
      gzip += gzipSync(body).length;
    }
    console.log(`Overview first-load JS: ${new Set(scripts).size} scripts, ${(raw / 1024).toFixed(0)} KiB raw, ${(gzip / 1024).toFixed(0)} KiB gzip`);
  } finally {
    await server.stop();
  }
}

await probeLatency();
await server();
