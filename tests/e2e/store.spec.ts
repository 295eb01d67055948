import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import type { FindingView } from "@/lib/api/estate-view-schema";
import type { HistoryMinute } from "@/lib/api/history-schema";
import type { TimelinePage } from "@/lib/api/timeline-schema";
import { refusedStart, startLanternServer, type LanternServer } from "../support/lantern-server";

// Lantern's own store across restarts of the production server: what survives, and who may open it.
const DB = 14;
const KEY = `lantern_e2e_store_${process.pid}`;
const ESTATE = `
estate: Store test
defaults: { interval: 1s, timeout: 800ms }
services:
  - id: jobs
    dependencies:
      - id: queue
        kind: redis
        url: "redis://127.0.0.1:6379/${DB}"
        probes: [{ probe: redis.queue, key: ${KEY}, warn: 10, crit: 1000 }]
`;
const redis = new Redis({ db: DB });
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "lantern-e2e-store-"));
  await redis.del(KEY);
  await redis.rpush(KEY, ...Array.from({ length: 25 }, (_, i) => `job-${i}`));
});

test.afterAll(async () => {
  await redis.del(KEY);
  redis.disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

const backlog = async (lantern: LanternServer): Promise<FindingView | undefined> =>
  ((await (await lantern.fetch("/api/estate")).json()) as { findings: FindingView[] }).findings.find((f) => f.id === "redis.queue-backlog");

test("a restart keeps a finding's since and the last hour's history, and a second Lantern on the folder is refused", async ({ page }) => {
  test.setTimeout(120_000);
  const first = await startLanternServer(ESTATE, { env: { LANTERN_DATA_DIR: dataDir } });
  let since: string;
  try {
    await expect.poll(async () => (await backlog(first))?.severity, { timeout: 10_000 }).toBe("warn");
    since = (await backlog(first))!.since;
    // A few more readings, so the hour has history before the restart.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const second = await refusedStart(ESTATE, { LANTERN_DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(new RegExp(`not starting: the data folder ${dataDir} is in use by another Lantern \\(pid \\d+\\)`));
  } finally {
    await first.stop();
  }

  const restarted = await startLanternServer(ESTATE, { env: { LANTERN_DATA_DIR: dataDir } });
  try {
    await expect.poll(async () => (await backlog(restarted))?.since, { timeout: 10_000 }).toBe(since);
    const history = (await (await restarted.fetch("/api/history?dependencyId=jobs.queue&window=1h")).json()) as { minutes: HistoryMinute[] };
    const before = history.minutes.filter((m) => Date.parse(m.minute) <= Date.parse(since!) + 60_000);
    expect(before.length).toBeGreaterThan(0);
    expect(history.minutes.reduce((runs, m) => runs + m.runs, 0)).toBeGreaterThanOrEqual(4);
    const timeline = (await (await restarted.fetch("/api/timeline?dependencyId=jobs.queue")).json()) as TimelinePage;
    expect(timeline.entries.filter((e) => e.kind === "finding-raised")).toHaveLength(1);

    await restarted.signIn(page);
    await page.goto(`${restarted.url}/services/jobs`);
    const strip = page.getByTestId("history-strip");
    await expect(strip.locator('[data-status="warn"]').first()).toBeVisible();
    await expect(strip.getByRole("img")).toHaveAttribute("aria-label", /last hour: \d+ min warn/);
    await page.screenshot({ path: "tests/e2e/screenshots/history-strip.png", fullPage: true });
    await page.goto(`${restarted.url}/timeline`);
    await expect(page.locator('[data-kind="finding-raised"]')).toHaveCount(1);
    await page.screenshot({ path: "tests/e2e/screenshots/timeline.png", fullPage: true });
  } finally {
    await restarted.stop();
  }
});
