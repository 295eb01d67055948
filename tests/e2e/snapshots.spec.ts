import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import type { SnapshotCreated } from "@/lib/api/snapshot-schema";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { storeHome } from "../support/store-backends";

// Incident snapshots on the production server: the page in Chromium, crashes, restarts, a second replica, expiry.
const DB = 15;
const KEY = `lantern_e2e_snapshot_${process.pid}`;
const ESTATE = `
estate: Snapshot test
defaults: { interval: 1s, timeout: 800ms }
services:
  - id: jobs
    name: Job runner
    dependencies:
      - id: queue
        name: Job queue
        kind: redis
        url: "redis://127.0.0.1:6379/${DB}"
        probes: [{ probe: redis.queue, key: ${KEY}, warn: 10, crit: 1000 }]
snapshots: { maxExpiry: 30d }
`;
const redis = new Redis({ db: DB });

test.beforeAll(async () => {
  await redis.del(KEY);
  await redis.rpush(KEY, ...Array.from({ length: 42 }, (_, i) => `job-${i}`));
});

test.afterAll(async () => {
  await redis.del(KEY);
  redis.disconnect();
});

async function take(lantern: LanternServer, title: string, expiresIn = "7d"): Promise<{ status: number; body: SnapshotCreated }> {
  const response = await lantern.fetch("/api/snapshots", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title, notes: "Paged at 14:00.", expiresIn }) });
  return { status: response.status, body: (await response.json()) as SnapshotCreated };
}

async function backlogRaised(lantern: LanternServer) {
  await expect.poll(async () => ((await (await lantern.fetch("/api/estate")).json()) as { findings: { id: string }[] }).findings.map((f) => f.id), { timeout: 10_000 }).toContain("redis.queue-backlog");
}

test("in Chromium: take a snapshot from the header, open its link, read the frozen picture and its service page, export Markdown", async ({ page }) => {
  const lantern = await startLanternServer(ESTATE);
  try {
    await backlogRaised(lantern);
    await lantern.signIn(page);
    await page.goto(lantern.url);
    await page.getByRole("button", { name: "Snapshot" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Title").fill("Jobs backing up");
    await expect(dialog.getByTestId("snapshot-contents")).toContainText("1 services (1 not ok), 1 findings");
    await dialog.getByRole("button", { name: "Take snapshot" }).click();
    const link = dialog.getByTestId("snapshot-link");
    await expect(link).toHaveText(new RegExp(`^${lantern.url}/s/[A-Za-z0-9_-]{22}$`));
    const url = (await link.textContent())!;

    // The world moves on; the snapshot does not.
    await redis.rpush(KEY, ...Array.from({ length: 2_000 }, (_, i) => `more-${i}`));
    await page.goto(url);
    await expect(page.getByTestId("frozen-at")).toHaveText(/^Frozen at \d\d:\d\d:\d\d UTC on \d{4}-\d\d-\d\d by e2e-operator — 0 crit, 1 warn\./);
    await expect(page.locator('[data-service="jobs"]')).toHaveAttribute("data-status", "ok");
    await expect(page.getByTestId("snapshot-timeline")).toContainText("Queue backing up");
    await page.screenshot({ path: "tests/e2e/screenshots/snapshot.png", fullPage: true });
    await page.locator('[data-service="jobs"] a').first().click();
    await expect(page).toHaveURL(new RegExp(`/s/[A-Za-z0-9_-]{22}/services/jobs$`));
    await expect(page.locator('[data-finding="redis.queue-backlog"]')).toHaveAttribute("data-severity", "warn");
    await expect(page.getByRole("button", { name: /Probe .* now/ })).toHaveCount(0);
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: "tests/e2e/screenshots/snapshot-print.png", fullPage: true });

    const id = url.split("/s/")[1]!;
    const markdown = await (await lantern.fetch(`/api/snapshots/${id}?format=md`)).text();
    expect(markdown.split("\n")[0]).toBe("# Jobs backing up");
    expect(markdown).toMatch(/^### \[warn\] Queue backing up — Job runner \/ jobs\.queue$/m);
    expect(markdown).toMatch(/^- Evidence: .*depth 42/m);
  } finally {
    await lantern.stop();
  }
});

test("kill -9 while snapshots are being taken: every one answered 201 is readable and matches its hash; none half-written", async () => {
  test.setTimeout(120_000);
  const home = await storeHome("pglite", "snapshot-crash");
  let lantern = await startLanternServer(ESTATE, { env: home.env });
  const answered: SnapshotCreated[] = [];
  try {
    await backlogRaised(lantern);
    const taking = (async () => {
      for (let i = 0; ; i += 1) {
        const { status, body } = await take(lantern, `crash ${i}`).catch(() => ({ status: 0, body: undefined as unknown as SnapshotCreated }));
        if (status !== 201) return;
        answered.push(body);
      }
    })();
    await expect.poll(() => answered.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    await lantern.kill();
    await taking;
    lantern = await startLanternServer(ESTATE, { env: home.env });
    for (const created of answered) {
      const response = await lantern.fetch(`/api/snapshots/${created.id}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(createHash("sha256").update(body).digest("hex")).toBe(created.sha256);
    }
    console.log(`${answered.length} snapshots answered 201 before kill -9, every one readable and intact after the restart`);
  } finally {
    await lantern.stop();
    await home.remove();
  }
});

test("with LANTERN_DATABASE_URL a second Lantern on the same database serves the snapshot; it expires and guesses are 404", async ({ page }) => {
  const home = await storeHome("postgres", "snapshot-replicas");
  const first = await startLanternServer(ESTATE, { env: home.env });
  const second = await startLanternServer(ESTATE, { env: home.env });
  try {
    await backlogRaised(first);
    const { status, body } = await take(first, "Shared");
    expect(status).toBe(201);
    const served = await second.fetch(`/api/snapshots/${body.id}`);
    expect(served.status).toBe(200);
    expect(createHash("sha256").update(await served.text()).digest("hex")).toBe(body.sha256);

    const short = await take(first, "Two seconds", "2s");
    expect(short.status).toBe(201);
    expect((await second.fetch(`/api/snapshots/${short.body.id}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await second.fetch(`/api/snapshots/${short.body.id}`)).status).toBe(410);
    await second.signIn(page);
    const gone = await page.goto(`${second.url}/s/${short.body.id}`);
    expect(gone?.status()).toBe(410);
    await expect(page.getByRole("heading")).toHaveText("This snapshot has expired");

    for (const guess of ["AAAAAAAAAAAAAAAAAAAAAA", ":id", "%3Aid", "..%2F..%2Fetc"]) {
      expect((await second.fetch(`/api/snapshots/${guess}`)).status, guess).toBe(404);
      expect((await page.goto(`${second.url}/s/${guess}`))?.status(), guess).toBe(404);
    }
    expect((await second.fetch(`/api/snapshots/${body.id}`, { headers: { authorization: `Bearer ${second.viewerToken}` }, method: "DELETE" })).status).toBe(403);
    const reads = (await (await second.fetch(`/api/snapshots/${body.id}/reads`)).json()) as { reads: { actor: string }[] };
    expect(reads.reads.map((r) => r.actor)).toContain("e2e-operator");
  } finally {
    await second.stop();
    await first.stop();
    await home.remove();
  }
});
