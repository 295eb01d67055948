// The demo: the lab's systems in this process, Lantern's production server as a child watching them.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { controlApi } from "./control-api";
import { Lab } from "./lab";
import { LAB_HOST, PORTS } from "./lab-config";

const port = Number(process.env.PORT ?? 3000);
const url = `http://localhost:${port}`;
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function log(line: string) {
  console.log(`[demo] ${line}`);
}

log("starting the lab: PostgreSQL database lantern_lab, Redis database 10, streams user_sync, BIRB_CACHE, BIRB_CACHE_DLQ, TICKETS");
const lab = await Lab.start();
const control = controlApi(lab);
await control.start();

const lantern = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
  env: { ...process.env, LANTERN_ESTATE: "lab/estate.yaml", LANTERN_LAB_URL: `http://${LAB_HOST}:${PORTS.control}` },
  stdio: ["ignore", "pipe", "pipe"],
});
createInterface({ input: lantern.stdout }).on("line", (line) => console.log(`[lantern] ${line}`));
createInterface({ input: lantern.stderr }).on("line", (line) => console.error(`[lantern] ${line}`));

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping Lantern and the lab");
  if (lantern.exitCode === null && lantern.signalCode === null) {
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => lantern.kill("SIGKILL"), 10_000);
      lantern.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      lantern.kill("SIGTERM");
    });
  }
  await control.stop();
  await lab.stop();
  log("stopped; the lab's data are back to healthy");
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));
lantern.once("exit", (code) => {
  if (!stopping) {
    log(`Lantern exited with code ${code}`);
    void stop(1);
  }
});

for (let attempt = 0; attempt < 100; attempt += 1) {
  try {
    if ((await fetch(`${url}/api/health`)).ok) break;
  } catch {
    // not yet
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
log(`Lantern is running at ${url} — the Lab page is ${url}/lab; Ctrl-C stops everything`);
