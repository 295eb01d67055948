import { expect, test } from "@playwright/test";
import type { OverviewPayload } from "@/lib/api/overview-schema";
import { generatedEstate } from "../support/generated-estate";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { startLanternServer, type LanternServer } from "../support/lantern-server";
import { freePort, waitFor } from "../support/ports";

// The size our users run: 1,000 healthy services on the machine's services, and
// fifty more behind one upstream that nothing answers on. Lantern's own load (a
// cold start, a hundred open pages) must raise no finding but the upstream's.
const SERVICES = 1_000;
const BEHIND_THE_DEAD_UPSTREAM = 50;
const OPEN_PAGES = 100;
const OPEN_FOR_MS = 60_000;
let lantern: LanternServer;
let web: Awaited<ReturnType<typeof startHttpEndpoint>>;
let deadPort: number;

test.beforeAll(async () => {
  web = await startHttpEndpoint(json(200, { status: "UP" }));
  deadPort = await freePort();
  lantern = await startLanternServer(
    generatedEstate({ services: SERVICES, httpUrl: web.url, interval: "30s", timeout: "3s", outage: { services: BEHIND_THE_DEAD_UPSTREAM, url: `http://127.0.0.1:${deadPort}` } }),
  );
});

test.afterAll(async () => {
  await lantern?.stop();
  await web?.stop();
});

const overview = async (): Promise<OverviewPayload> => (await lantern.fetch(`/api/overview`)).json();

/** Which services are not ok, and which raise findings: only the fifty behind the dead upstream should. */
async function trouble() {
  const now = await overview();
  return {
    services: now.services.filter((s) => s.status !== "ok").map((s) => s.id),
    findingsElsewhere: now.findings.filter((f) => !f.serviceId.startsWith("edge-")).map((f) => `${f.dependencyId}: ${f.summary}`),
    findingsBehind: new Set(now.findings.filter((f) => f.serviceId.startsWith("edge-")).map((f) => f.serviceId)).size,
  };
}

/** 5,250 first runs spread over up to 26 s. */
const allChecked = () => waitFor(async () => (await overview()).services.every((s) => s.status !== "unknown"), { timeoutMs: 45_000, everyMs: 1_000, what: "a first result from every service" });

const EXPECTED = {
  services: Array.from({ length: BEHIND_THE_DEAD_UPSTREAM }, (_, i) => `edge-${String(i).padStart(2, "0")}`),
  findingsElsewhere: [],
  findingsBehind: BEHIND_THE_DEAD_UPSTREAM,
};

test("a cold start of 1,050 services, then 100 open live feeds for a minute: no finding but the dead upstream's", async () => {
  test.setTimeout(180_000);
  await allChecked();
  expect(await trouble()).toEqual(EXPECTED);

  // Eighty overviews and twenty service pages, each read as a browser reads it.
  const controller = new AbortController();
  const feeds = Array.from({ length: OPEN_PAGES }, (_, i) => (i % 5 === 0 ? `/api/events?serviceId=svc-${String(i).padStart(4, "0")}` : "/api/events"));
  const bytes = { overview: 0, service: 0 };
  const reading = feeds.map(async (path) => {
    const response = await lantern.fetch(path, { signal: controller.signal });
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      bytes[path.includes("serviceId") ? "service" : "overview"] += value!.byteLength;
    }
  });
  await waitFor(async () => (await (await lantern.fetch(`/api/health`)).json()).liveClients === OPEN_PAGES, { what: "every feed open" });
  await new Promise((resolve) => setTimeout(resolve, OPEN_FOR_MS));
  expect((await (await lantern.fetch(`/api/health`)).json()).liveClients).toBe(OPEN_PAGES);
  controller.abort();
  await Promise.all(reading);

  const seconds = OPEN_FOR_MS / 1000;
  console.log(
    `${OPEN_PAGES} feeds for ${seconds} s: overview ${(bytes.overview / (OPEN_PAGES * 0.8) / seconds / 1024).toFixed(2)} KB/s per page, service page ${(bytes.service / (OPEN_PAGES * 0.2) / seconds / 1024).toFixed(2)} KB/s per page`,
  );
  expect(await trouble()).toEqual(EXPECTED);
  // Not one healthy probe came back otherwise in all that time.
  const text = await (await lantern.fetch(`/api/metrics`)).text();
  const notOk = [...text.matchAll(/^lantern_probe_runs_total\{kind="(postgres|redis|nats)",outcome="(?!ok)[a-z]+"[^}]*\} (\d+)/gm)].map((m) => m[0]);
  expect(notOk).toEqual([]);
});

test("the 1,050-service overview in Chromium: the dead upstream first, naming its fifty services; the rest a wall", async ({ page }) => {
  test.setTimeout(90_000);
  await allChecked();
  await lantern.signIn(page, "viewer");
  await page.goto(lantern.url);
  const first = page.locator("main article, main ul[aria-label]").first();
  await expect(first).toHaveAttribute("data-shared-target", `http 127.0.0.1:${deadPort}`);
  await expect(first.getByTestId("affected")).toHaveText(`${BEHIND_THE_DEAD_UPSTREAM} services affected`);
  // Their links are drawn when asked for, not in every page load.
  await expect(first.locator("a[data-service-link]")).toHaveCount(0);
  await first.getByText("The services that depend on it").click();
  await expect(first.locator("a[data-service-link]")).toHaveCount(BEHIND_THE_DEAD_UPSTREAM);
  await expect(page.getByTestId("service-cards")).toHaveCount(0);
  await expect(page.locator("a[data-tile]")).toHaveCount(SERVICES);
  await expect(page.getByTestId("status-counts")).toHaveText(`${BEHIND_THE_DEAD_UPSTREAM} down · ${SERVICES} ok`);
  await page.screenshot({ path: "tests/e2e/screenshots/overview-1050-services.png" });

  // One tab stop for the wall; the arrows move along it, and the name shows over the tile in focus.
  const tiles = page.locator("a[data-tile]");
  await tiles.first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(tiles.nth(1)).toBeFocused();
  await expect(tiles.nth(1)).toHaveAttribute("tabindex", "0");
  await expect(page.getByText("svc-0010: ok", { exact: true })).toBeVisible();

  // A filtered overview is a link: one team's hundred services.
  await page.getByRole("searchbox", { name: "Filter services" }).fill("team-3");
  await expect(page.getByTestId("filter-count")).toHaveText(`${SERVICES / 10} of ${SERVICES + BEHIND_THE_DEAD_UPSTREAM}`);
  await expect(page).toHaveURL(/\?filter=team-3$/);
  await expect(page.locator("a[data-tile]")).toHaveCount(SERVICES / 10);

  // Enter on a tile opens its service.
  await page.locator("a[data-tile]").first().press("Enter");
  await expect(page).toHaveURL(/\/services\/svc-0003$/);
  await expect(page.getByRole("heading", { level: 1, name: "svc-0003" })).toBeVisible();
});

test("the wall arrives in the page's first bytes, and its data once, not once per service", async ({ page }) => {
  await allChecked();
  await lantern.signIn(page, "viewer");
  const html = await (await page.request.get(lantern.url)).text();
  expect(html.match(/data-tile=""/g)).toHaveLength(SERVICES);
  // The four targets every generated service uses are described once each.
  expect(html.match(/127\.0\.0\.1:6379\/0/g)).toHaveLength(1);
});
