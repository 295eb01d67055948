// npm run bench -- soak [--services 1000] [--minutes 60]: Lantern's memory over
// a long run at the size our users run (five probes a service, every 30 s),
// sampled every few minutes from its own metrics, with one overview page's
// live feed open. The question is whether memory settles, and where.
import { generatedEstate, PROBES_PER_SERVICE } from "../support/generated-estate";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { openFeeds } from "../support/live-feeds";

function option(name: string, fallback: string): number {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at === -1 ? fallback : process.argv[at + 1]);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const MiB = 1024 * 1024;

let lastCpu: { seconds: number; at: number } | undefined;

async function sample(lantern: LanternServer, minute: number) {
  const text = await (await lantern.fetch("/api/metrics")).text();
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1]);
  const read = (name: string) => value(name) / MiB;
  const cpu = { seconds: value("process_cpu_seconds_total"), at: performance.now() };
  const share = lastCpu ? ((cpu.seconds - lastCpu.seconds) / ((cpu.at - lastCpu.at) / 1000)) * 100 : NaN;
  lastCpu = cpu;
  return {
    minute,
    "CPU since last, % of a core": share.toFixed(1),
    "RSS, MiB": read("process_resident_memory_bytes").toFixed(0),
    "JS heap used, MiB": read("nodejs_heap_size_used_bytes").toFixed(0),
    "JS heap total, MiB": read("nodejs_heap_size_total_bytes").toFixed(0),
    "external, MiB": read("nodejs_external_memory_bytes").toFixed(0),
  };
}

const services = option("services", "1000");
const minutes = option("minutes", "60");
const every = Math.max(1, Math.min(5, Math.floor(minutes / 6)));
const web = await startHttpEndpoint(json(200, { status: "UP" }));
const lantern = await startLanternServer(generatedEstate({ services, httpUrl: web.url, interval: "30s", timeout: "3s" }));
// An overview left open all day: its live feed read as a browser reads it.
const closeFeed = openFeeds(lantern, 1);
try {
  const rows = [];
  for (let minute = 0; minute <= minutes; minute += every) {
    if (minute > 0) await sleep(every * 60_000);
    rows.push(await sample(lantern, minute));
    console.log(JSON.stringify(rows.at(-1)));
  }
  console.log(`\n${services} services, ${services * PROBES_PER_SERVICE} probes every 30 s, for ${minutes} min`);
  console.table(rows);
} finally {
  await closeFeed();
  await lantern.stop();
  await web.stop();
}
