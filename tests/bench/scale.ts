// npm run bench -- scale [--sizes 100,1000,2000] [--runs 3]: Lantern at the size
// our users run. For each size, a generated estate (five probes a service, every
// 30 s) against the machine's services and a local HTTP target, a production
// server, Chromium and a hundred open live feeds; every figure of the scale
// issue, min and median over the runs. Figures, never verdicts.
import { readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { Redis } from "ioredis";
import type { OverviewPayload } from "@/lib/api/overview-schema";
import { generatedEstate, PROBES_PER_SERVICE } from "../support/generated-estate";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { openFeeds } from "../support/live-feeds";
import { waitFor } from "../support/ports";

const INTERVAL = "30s";
/** One interval: after the first round, every window of it holds one run of every probe, so windows compare. */
const WINDOW_MS = 30_000;
const OPEN_PAGES = 100;
const CLOCK_TICKS = 100;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1]!;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** CPU seconds the process has used, user and system, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Share of one core the process used while `work` ran. */
async function cpuDuring(pid: number, work: () => Promise<void>): Promise<number> {
  const cpu = cpuSeconds(pid);
  const started = performance.now();
  await work();
  return (cpuSeconds(pid) - cpu) / ((performance.now() - started) / 1000);
}

/** Commands the machine's Redis has processed: the load Lantern puts on a dependency. */
async function redisCommands(redis: Redis): Promise<number> {
  return Number(/total_commands_processed:(\d+)/.exec(await redis.info("stats"))?.[1]);
}

/** A quantile of a Prometheus histogram, from its cumulative buckets (the bucket's upper bound). */
function histogramQuantile(metrics: string, name: string, q: number): number {
  const buckets = [...metrics.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, "gm"))].map((m) => ({ le: Number(m[1] === "+Inf" ? Infinity : m[1]), count: Number(m[2]) }));
  const total = buckets.at(-1)?.count ?? 0;
  return buckets.find((b) => b.count >= q * total)?.le ?? NaN;
}

/** Services not ok and findings raised: on a healthy estate, every one is false. */
async function falseFindings(lantern: LanternServer): Promise<number> {
  const overview = (await (await lantern.fetch("/api/overview")).json()) as OverviewPayload;
  return overview.findings.length;
}

type Figures = Record<string, number>;

const SERVICE_ON_PAGE = "a[data-tile], article[data-service]";

/** Counts, at the load event, the services the page shows; the browser's own clock then says when that was. */
function countServicesAtLoad(selector: string) {
  addEventListener("load", () => {
    (window as unknown as { servicesAtLoad: number }).servicesAtLoad = document.querySelectorAll(selector).length;
  });
}

/**
 * Seconds from asking for a page until its load event (every script run), read
 * from the browser's navigation timing, so the driver's own round trips are
 * not in the figure. With `services`, the page must also hold that many
 * services; if some were still missing at the load event, until they are there.
 */
async function timeToDraw(page: Page, url: string, services?: number): Promise<number> {
  const started = performance.now();
  await page.goto(url);
  const atLoad = await page.evaluate(() => ({
    load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
    services: (window as unknown as { servicesAtLoad?: number }).servicesAtLoad ?? 0,
  }));
  if (services === undefined || atLoad.services >= services) return atLoad.load / 1000;
  await page.locator(SERVICE_ON_PAGE).nth(services - 1).waitFor({ state: "attached", timeout: 60_000 });
  return (performance.now() - started) / 1000;
}

async function measure(services: number, browser: Browser): Promise<Figures> {
  const web = await startHttpEndpoint(json(200, { status: "UP" }));
  const lantern = await startLanternServer(generatedEstate({ services, httpUrl: web.url, interval: INTERVAL, timeout: "3s" }));
  const redis = new Redis("redis://127.0.0.1:6379/0", { lazyConnect: true });
  const figures: Figures = {};
  try {
    // Cold start: every probe's first run, spread by the scheduler.
    const cold = performance.now();
    await waitFor(async () => ((await (await lantern.fetch("/api/overview")).json()) as OverviewPayload).services.every((s) => s.status !== "unknown"), {
      timeoutMs: 120_000,
      everyMs: 500,
      what: "a first result from every service",
    });
    figures["first round, s"] = (performance.now() - cold) / 1000;
    figures["false findings at cold start"] = await falseFindings(lantern);

    // Steady state with nobody looking.
    await redis.connect();
    let commands = await redisCommands(redis);
    const cpuAlone = await cpuDuring(lantern.pid, () => sleep(WINDOW_MS));
    const loadAlone = (await redisCommands(redis)) - commands;
    figures["CPU, no pages (% of a core)"] = cpuAlone * 100;

    // One overview in Chromium: load, bytes, and the main thread while it stays open. "Complete"
    // is every service drawn and the page's scripts run (the load event). The floor beside it is
    // a small page of Lantern's in the same kind of browser: what no overview can go under here.
    const floor = await browser.newContext();
    const small = await floor.newPage();
    await lantern.signIn(small, "viewer");
    figures["a small page (/tools/errors), fresh browser, s"] = await timeToDraw(small, `${lantern.url}/tools/errors`);
    await floor.close();
    const context = await browser.newContext();
    await context.addInitScript(countServicesAtLoad, SERVICE_ON_PAGE);
    const page = await context.newPage();
    await lantern.signIn(page, "viewer");
    figures["overview complete, fresh browser, s"] = await timeToDraw(page, lantern.url, services);
    const sizes = await page.evaluate(() =>
      [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].reduce(
        (sum, entry) => {
          const e = entry as PerformanceResourceTiming;
          return { transfer: sum.transfer + e.transferSize, decoded: sum.decoded + e.decodedBodySize };
        },
        { transfer: 0, decoded: 0 },
      ),
    );
    figures["overview transfer, MB"] = sizes.transfer / 1e6;
    figures["overview decoded, MB"] = sizes.decoded / 1e6;
    // Coming back to it, as someone who keeps Lantern at hand does: the scripts are cached.
    figures["a small page, scripts cached, s"] = await timeToDraw(page, `${lantern.url}/tools/errors`);
    figures["overview complete, scripts cached, s"] = await timeToDraw(page, lantern.url, services);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const taskSeconds = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")!.value;
    const busyFrom = await taskSeconds();
    const sse = openFeeds(lantern, 1);
    await sleep(WINDOW_MS);
    figures["overview main thread busy, live (%)"] = (((await taskSeconds()) - busyFrom) / (WINDOW_MS / 1000)) * 100;
    figures["SSE per overview page, KB/s"] = (await sse()) / 1024 / (WINDOW_MS / 1000);
    await context.close();

    // A hundred open pages: Lantern's CPU, the dependency's load, and whether any verdict moved.
    const feeds = openFeeds(lantern, OPEN_PAGES);
    commands = await redisCommands(redis);
    const cpuWatched = await cpuDuring(lantern.pid, () => sleep(WINDOW_MS));
    const loadWatched = (await redisCommands(redis)) - commands;
    await feeds();
    figures["CPU, 100 pages ÷ none"] = cpuWatched / cpuAlone;
    figures["dependency load, 100 pages ÷ none"] = loadWatched / loadAlone;
    figures["false findings with 100 pages"] = await falseFindings(lantern);

    const metrics: number[] = [];
    let metricsBytes = 0;
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      metricsBytes = (await (await lantern.fetch("/api/metrics")).text()).length;
      metrics.push(performance.now() - started);
    }
    const text = await (await lantern.fetch("/api/metrics")).text();
    figures["/api/metrics, MB"] = metricsBytes / 1e6;
    figures["/api/metrics, ms (median of 5)"] = metrics.sort((a, b) => a - b)[2]!;
    figures["probe start delay p99, s"] = histogramQuantile(text, "lantern_probe_start_delay_seconds", 0.99);
    figures["RSS at the end, MB"] = Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1]) / 1e6;

    const estate = await lantern.fetch("/api/estate");
    figures["GET /api/estate, MB"] = (await estate.text()).length / 1e6;
    const snapshot = await lantern.fetch("/api/snapshots", { method: "POST", headers: { "content-type": "application/json", origin: lantern.url }, body: JSON.stringify({ title: "bench" }) });
    figures["snapshot, MB"] = ((await snapshot.json()) as { bytes: number }).bytes / 1e6;
  } finally {
    redis.disconnect();
    await lantern.stop();
    await web.stop();
  }
  return figures;
}

const sizes = option("sizes", "100,1000,2000").split(",").map(Number);
const runs = Number(option("runs", "3"));
const browser = await chromium.launch({ executablePath: process.env.LANTERN_CHROMIUM ?? "/usr/bin/chromium", args: ["--disable-gpu", "--no-first-run"] });
try {
  for (const services of sizes) {
    const all: Figures[] = [];
    for (let run = 0; run < runs; run += 1) all.push(await measure(services, browser));
    const rows = Object.fromEntries(
      Object.keys(all[0]!).map((name) => {
        const values = all.map((f) => f[name]!).sort((a, b) => a - b);
        const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));
        return [name, { min: fmt(values[0]!), median: fmt(values[Math.floor(values.length / 2)]!) }];
      }),
    );
    console.log(`\n${services} services, ${services * PROBES_PER_SERVICE} probes every ${INTERVAL} (${runs} run${runs === 1 ? "" : "s"})`);
    console.table(rows);
  }
} finally {
  await browser.close();
}
