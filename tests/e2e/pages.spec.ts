import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { startRedisServer } from "../support/redis-server";

// The pages in a real Chromium, on the production build, with a Redis this test owns and kills.
const INTERVAL_MS = 1000;
const SHOTS = "tests/e2e/screenshots";
let lantern: LanternServer;
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  redis = await startRedisServer();
  web = await startHttpEndpoint(json(200, { status: "UP", components: { db: { status: "UP" }, diskSpace: { status: "UP" } } }));
  lantern = await startLanternServer(`
estate: Pages test
defaults: { interval: ${INTERVAL_MS}ms, timeout: 500ms }
services:
  - id: birb-nest
    name: Birb Nest
    description: Write-behind cache
    dependencies:
      - { id: db, name: Cache store, kind: postgres, url: "postgres://postgres@127.0.0.1:5432/postgres" }
      - { id: redis, name: Cache, kind: redis, url: "redis://127.0.0.1:${redis.port}/0", impact: degraded }
      - { id: nats, name: Queue, kind: nats, url: "nats://127.0.0.1:4222" }
  - id: auth
    name: Auth token service
    dependencies:
      - { id: api, name: Token API, kind: http, url: "${web.url}", probes: [{ probe: http.health, path: /health }] }
`);
});

test.afterAll(async () => {
  await lantern?.stop();
  await redis?.stop();
  await web?.stop();
});

/** Every service, dependency and probe has a reading; a history strip's minutes before Lantern started are rightly unknown. */
async function allChecked(page: Page) {
  await expect(page.locator('[data-status="unknown"]:not([data-testid="history-strip"] *)')).toHaveCount(0);
}

test("the overview lists every service with its status in words", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  await page.goto(lantern.url);
  await allChecked(page);
  const cards = page.locator("article[data-service]");
  await expect(cards).toHaveCount(2);
  for (const [id, name] of [["birb-nest", "Birb Nest"], ["auth", "Auth token service"]]) {
    const card = page.locator(`article[data-service="${id}"]`);
    await expect(card.getByRole("heading", { name })).toBeVisible();
    await expect(card.locator("[data-status]").first()).toHaveText(/ok/i);
  }
  // The engine's pulse, once a second: a calm page is only news while this stays fresh.
  await expect(page.getByTestId("last-check")).toHaveText(/checked \d+ s ago/);
  await expect(page.locator('article[data-service="birb-nest"]').getByRole("link", { name: /Cache store postgres/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });
});

test("a service page shows a panel per dependency with summaries and copyable commands", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  await page.goto(`${lantern.url}/services/birb-nest`);
  await allChecked(page);
  await expect(page.locator("section[data-dependency]")).toHaveCount(3);
  const db = page.locator('section[data-dependency="birb-nest.db"]');
  await expect(db.getByRole("heading", { name: "Cache store" })).toBeVisible();
  await expect(db.getByTestId("probe-summary")).toHaveText(/PostgreSQL \d+.*primary, SELECT 1 in/);
  // An ok reading keeps its command one click away.
  await db.getByText("Details and the command to check by hand").click();
  await expect(db.locator("code")).toHaveText(/^psql -h 127\.0\.0\.1 -p 5432 -U postgres -d postgres -c /);
  await expect(db.getByRole("button", { name: "Copy command" })).toBeVisible();
  const time = db.locator("time").first();
  await expect(time).toHaveAttribute("title", /\d{1,2}:\d{2}:\d{2}/);

  // Deep links land on the panel.
  await page.goto(`${lantern.url}/services/birb-nest#dep-birb-nest.nats`);
  await expect(page.locator('section[data-dependency="birb-nest.nats"]')).toBeInViewport();
});

test("the open page turns the Redis panel down within two intervals when Redis stops, without a reload", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  await page.goto(`${lantern.url}/services/birb-nest`);
  const panel = page.locator('section[data-dependency="birb-nest.redis"]');
  await expect(panel).toHaveAttribute("data-status", "ok");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  const stoppedAt = Date.now();
  await redis.stop();
  await expect(panel).toHaveAttribute("data-status", "down", { timeout: 2 * INTERVAL_MS * 1.1 + 1000 });
  expect(Date.now() - stoppedAt).toBeLessThanOrEqual(2 * INTERVAL_MS * 1.1 + 1000);
  await expect(panel.getByTestId("probe-summary")).toHaveText(/connection refused/);
  // Redis is of degraded impact here: the service limps, it is not down.
  await expect(page.getByTestId("service-status")).toHaveText(/degraded/i);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/service-redis-down.png`, fullPage: true });

  await redis.start();
  await expect(panel).toHaveAttribute("data-status", "ok", { timeout: 2 * INTERVAL_MS * 1.1 + 1000 });
});

test("'Probe now' is reachable from the keyboard and shows its progress", async ({ page }) => {
  await lantern.signIn(page, "operator");
  await page.goto(`${lantern.url}/services/auth`);
  const button = page.getByRole("button", { name: "Probe Token API now" });
  for (let i = 0; i < 20 && !(await button.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
  // Slow the endpoint so the progress can be seen.
  web.answer((_request, response) => setTimeout(() => json(200, { status: "UP" })(_request, response), 300));
  await page.keyboard.press("Enter");
  await expect(button).toHaveText("Probing…");
  await expect(button).toHaveText("Probe now");
  await expect(page.locator('section[data-dependency="auth.api"]')).toHaveAttribute("data-status", "ok");
});

test("dark mode and phone width", async ({ browser }) => {
  const dark = await browser.newPage({ colorScheme: "dark" });
  await lantern.signIn(dark, "viewer");
  await dark.goto(`${lantern.url}/services/birb-nest`);
  await allChecked(dark);
  expect(await dark.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  await dark.screenshot({ path: `${SHOTS}/service-dark.png`, fullPage: true });
  await dark.close();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await lantern.signIn(phone, "viewer");
  await phone.goto(`${lantern.url}/services/birb-nest`);
  await allChecked(phone);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: `${SHOTS}/service-phone.png`, fullPage: true });
  await phone.close();
});

test("a Lantern watching a real estate has no Lab: no page, no route, no link", async ({ page }) => {
  expect((await lantern.fetch(`/lab`)).status).toBe(404);
  expect((await lantern.fetch(`/api/lab/scenarios`)).status).toBe(404);
  expect((await lantern.fetch(`/api/lab/reset`, { method: "POST" })).status).toBe(404);
  await lantern.signIn(page, "operator");
  await page.goto(lantern.url);
  await expect(page.getByRole("link", { name: "Lab" })).toHaveCount(0);
});

test("when Lantern itself goes away, the page says so and ages its results into stale", async ({ page }) => {
  await lantern.signIn(page, "viewer");
  await page.goto(`${lantern.url}/services/birb-nest`);
  await allChecked(page);
  const stopping = Date.now();
  await lantern.stop();
  expect(Date.now() - stopping).toBeLessThan(5_000);
  await expect(page.locator("[data-live]")).toHaveText(/Live updates lost/);
  await expect(page.locator('section[data-dependency="birb-nest.db"]')).toHaveAttribute("data-status", "stale", { timeout: 2 * INTERVAL_MS + 500 + 3000 });
  await page.screenshot({ path: `${SHOTS}/service-stale.png`, fullPage: true });
});
