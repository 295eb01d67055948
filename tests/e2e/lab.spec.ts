import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { EstateView } from "@/lib/api/estate-view-schema";
import { controlApi } from "@/lab/control-api";
import { Lab } from "@/lab/lab";
import { LAB_HOST, PORTS } from "@/lab/lab-config";
import { SCENARIOS } from "@/lab/scenarios/catalog";
import type { LabHttpService } from "@/lab/systems/http-kit";
import { notOk, unmet } from "../support/expectations";
import { startLanternServer, type LanternServer } from "../support/lantern-server";

// Lantern on the demo estate, the lab beside it, every scenario through the whole loop over HTTP.
const INTERVAL_MS = 1000;
const TIMEOUT_MS = 800;
/** A probe already in flight when trouble starts may still report the old state: two intervals plus one timeout. */
const DETECT_WITHIN_MS = 2 * INTERVAL_MS + TIMEOUT_MS;
let lab: Lab;
let control: LabHttpService;
let lantern: LanternServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  lab = await Lab.start();
  control = controlApi(lab);
  await control.start();
  lantern = await startLanternServer(readFileSync("lab/estate.yaml", "utf8"), {
    LAB_INTERVAL: `${INTERVAL_MS}ms`,
    LAB_TIMEOUT: `${TIMEOUT_MS}ms`,
    LANTERN_LAB_URL: `http://${LAB_HOST}:${PORTS.control}`,
  });
});

test.afterAll(async () => {
  await lantern?.stop();
  await control?.stop();
  await lab?.stop();
});

async function estate(): Promise<EstateView> {
  return (await (await fetch(`${lantern.url}/api/estate`)).json()) as EstateView;
}

async function allOk(timeoutMs: number): Promise<number> {
  const started = Date.now();
  await expect.poll(async () => notOk(await estate()), { timeout: timeoutMs, intervals: [100] }).toEqual([]);
  return Date.now() - started;
}

test("every system of the lab is ok after the demo's preparation", async () => {
  await allOk(15_000);
  expect((await estate()).services.map((s) => s.status)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
});

test("every scenario: apply → Lantern shows what it declares within two intervals → revert → ok", async () => {
  test.setTimeout(SCENARIOS.length * 40_000);
  const rows: { scenario: string; expected: string; seen: string; detectS: string; recoverS: string }[] = [];
  for (const scenario of SCENARIOS) {
    await allOk(15_000);
    const applied = Date.now();
    await lab.apply(scenario.id);
    let seen: string[] = [];
    try {
      await expect
        .poll(async () => (seen = unmet(await estate(), scenario.expect)), { timeout: DETECT_WITHIN_MS + 5_000, intervals: [100] })
        .toEqual([]);
    } finally {
      const detected = Date.now() - applied;
      await lab.revert(scenario.id);
      const recovered = await allOk(20_000).catch(() => NaN);
      rows.push({
        scenario: scenario.id,
        expected: scenario.expect.map((e) => ("service" in e ? `${e.service}=${e.status}` : `${e.dependency}=${e.status}`)).join(", "),
        seen: seen.length === 0 ? "all" : seen.join("; "),
        detectS: (detected / 1000).toFixed(1),
        recoverS: (recovered / 1000).toFixed(1),
      });
    }
    expect(Number(rows.at(-1)!.detectS) * 1000, `${scenario.id} detected later than ${DETECT_WITHIN_MS} ms`).toBeLessThanOrEqual(DETECT_WITHIN_MS);
    expect(Number.isNaN(Number(rows.at(-1)!.recoverS)), `${scenario.id} did not come back to ok`).toBe(false);
  }
  console.table(rows);
});

test("reset from a mix of applied scenarios brings everything back to ok", async () => {
  for (const id of ["birb-nest-redis-unreachable", "ticket-service-stopped", "agentauri-api-503"]) await lab.apply(id);
  await expect.poll(async () => notOk(await estate()).length, { timeout: DETECT_WITHIN_MS + 2_000 }).toBeGreaterThanOrEqual(3);
  await (await fetch(`http://${LAB_HOST}:${PORTS.control}/reset`, { method: "POST" })).json();
  await allOk(20_000);
});

test("applying a scenario on the Lab page changes the service on an open overview, without reload", async ({ browser }) => {
  const overview = await browser.newPage();
  await overview.goto(lantern.url);
  const card = overview.locator('article[data-service="ticket-service"]');
  await expect(card).toHaveAttribute("data-status", "ok");
  await overview.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  const labPage = await browser.newPage();
  await labPage.goto(`${lantern.url}/lab`);
  await expect(labPage.getByRole("heading", { name: "Lab — game day" })).toBeVisible();
  await labPage.getByRole("button", { name: "Apply Ticket service stopped" }).click();
  await expect(labPage.locator('li[data-scenario="ticket-service-stopped"]')).toHaveAttribute("data-applied", "true");

  await expect(card).toHaveAttribute("data-status", "down", { timeout: DETECT_WITHIN_MS + 1_000 });
  await overview.screenshot({ path: "tests/e2e/screenshots/overview-ticket-service-down.png", fullPage: true });
  await labPage.screenshot({ path: "tests/e2e/screenshots/lab-page.png", fullPage: true });
  await labPage.getByRole("button", { name: "Revert Ticket service stopped" }).click();
  await expect(card).toHaveAttribute("data-status", "ok", { timeout: 10_000 });
  expect(await overview.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
