import { expect, test } from "@playwright/test";
import type { EstateView } from "@/lib/api/estate-view-schema";
import { labScenariosSchema } from "@/lib/api/lab-view-schema";
import type { Lab } from "@/lab/lab";
import { LAB_HOST, PORTS } from "@/lab/lab-config";
import { SCENARIOS } from "@/lab/scenarios/catalog";
import { describeExpectation, notOk, undeclaredCrits, unmet } from "../support/expectations";
import { LAB_INTERVAL_MS, LAB_TIMEOUT_MS, startLabAndLantern, type LabAndLantern } from "../support/lab-and-lantern";
import type { LanternServer } from "../support/lantern-server";

// Lantern on the demo estate, the lab beside it, every scenario through the whole loop over HTTP.
/** A probe already in flight when trouble starts may still report the old state: two intervals plus one timeout. */
const DETECT_WITHIN_MS = 2 * LAB_INTERVAL_MS + LAB_TIMEOUT_MS;
let running: LabAndLantern;
let lab: Lab;
let lantern: LanternServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  running = await startLabAndLantern();
  ({ lab, lantern } = running);
});

test.afterAll(() => running?.stop());

async function estate(): Promise<EstateView> {
  return (await (await lantern.fetch(`/api/estate`)).json()) as EstateView;
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

type Scenario = (typeof SCENARIOS)[number];
type Trial = { row: Record<string, string>; failures: string[] };

/** One scenario through the loop: apply, wait for what it declares (and watch for what it does not), revert, all clear. */
async function trial(scenario: Scenario): Promise<Trial> {
  const failures: string[] = [];
  const healthy = await allOk(20_000).then(
    () => true,
    () => false,
  );
  if (!healthy) failures.push(`before ${scenario.id}: the lab was not all ok: ${notOk(await estate()).join("; ")}`);
  const bound = DETECT_WITHIN_MS + (scenario.settleMs ?? 0);
  const applied = Date.now();
  await lab.apply(scenario.id);
  let missing: string[] = [];
  let falseCrits: string[] = [];
  let detected = NaN;
  try {
    const deadline = applied + bound + 5_000;
    while (Date.now() < deadline) {
      const now = await estate();
      missing = unmet(now, scenario.expect);
      falseCrits = [...new Set([...falseCrits, ...undeclaredCrits(now, scenario.expect)])];
      if (missing.length === 0) {
        detected = Date.now() - applied;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Watch one interval more for crits the scenario did not declare.
    for (let i = 0; i < 5; i += 1) {
      falseCrits = [...new Set([...falseCrits, ...undeclaredCrits(await estate(), scenario.expect)])];
      await new Promise((resolve) => setTimeout(resolve, LAB_INTERVAL_MS / 5));
    }
  } finally {
    await lab.revert(scenario.id);
  }
  const cleared = await allOk(20_000).catch(() => NaN);
  if (missing.length) failures.push(`${scenario.id}: missed ${missing.join("; ")}`);
  else if (detected > bound) failures.push(`${scenario.id}: detected in ${detected} ms, later than ${bound} ms`);
  if (falseCrits.length) failures.push(`${scenario.id}: undeclared crit ${falseCrits.join("; ")}`);
  if (Number.isNaN(cleared)) failures.push(`${scenario.id}: did not clear after revert`);
  return {
    failures,
    row: {
      scenario: scenario.id,
      expected: scenario.expect.map(describeExpectation).join(", "),
      seen: missing.length === 0 ? "all" : `missing: ${missing.join("; ")}`,
      "detect s": (detected / 1000).toFixed(1),
      "bound s": (bound / 1000).toFixed(1),
      "false crit": falseCrits.join("; ") || "none",
      "clear s": (cleared / 1000).toFixed(1),
    },
  };
}

test("every scenario: apply → Lantern shows what it declares within two intervals, and no other crit → revert → all clear", async () => {
  test.setTimeout(SCENARIOS.length * 60_000);
  const rows: Record<string, string>[] = [];
  const failures: string[] = [];
  for (const scenario of SCENARIOS) {
    let outcome = await trial(scenario);
    // The bounds are a second or two on a 2-core machine that also runs the other specs: a scenario
    // gets one more try, and the table keeps what went wrong the first time. A real fault fails both.
    const first = outcome.failures;
    if (first.length > 0) outcome = await trial(scenario);
    rows.push({ ...outcome.row, "first try": first.length > 0 ? first.join("; ") : "" });
    failures.push(...outcome.failures);
  }
  console.log("\nDiagnosis accuracy");
  console.table(rows);
  expect(failures).toEqual([]);
});

test("reset from a mix of applied scenarios brings everything back to ok", async () => {
  for (const id of ["birb-nest-redis-unreachable", "ticket-service-stopped", "agentauri-api-503"]) await lab.apply(id);
  await expect.poll(async () => notOk(await estate()).length, { timeout: DETECT_WITHIN_MS + 2_000 }).toBeGreaterThanOrEqual(3);
  await (await fetch(`http://${LAB_HOST}:${PORTS.control}/reset`, { method: "POST" })).json();
  await allOk(20_000);
});

test("applying a scenario on the Lab page changes the service on an open overview, without reload", async ({ browser }) => {
  const overview = await browser.newPage();
  await lantern.signIn(overview, "viewer");
  await overview.goto(lantern.url);
  const card = overview.locator('article[data-service="ticket-service"]');
  await expect(card).toHaveAttribute("data-status", "ok");
  await overview.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  const listed = labScenariosSchema.parse(await (await lantern.fetch(`/api/lab/scenarios`)).json());
  expect(listed.scenarios).toHaveLength(SCENARIOS.length);
  const labPage = await browser.newPage();
  // The lab's controls are an operator's.
  await lantern.signIn(labPage, "operator");
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

test("a queue backing up on an open service page: the bar crosses the warn mark, the forecast says where it goes, the finding leads", async ({ page }) => {
  await allOk(20_000);
  await lantern.signIn(page, "viewer");
  await page.goto(`${lantern.url}/services/agentauri`);
  const queue = page.locator('li[data-queue="action_jobs"]');
  const bar = queue.getByTestId("depth-bar");
  expect(Number(await bar.getAttribute("aria-valuenow"))).toBeLessThan(10_000);
  await expect(page.getByTestId("no-findings")).toBeVisible();

  await lab.apply("agentauri-queue-over-warn");
  try {
    await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: DETECT_WITHIN_MS + 1_000 }).toBeGreaterThanOrEqual(10_000);
    await expect(queue.getByTestId("queue-forecast")).toHaveText(/^growing [\d,.]+\/(s|min), critical in ~\d+ (s|min|h \d+ min)$/);
    await expect(queue.locator("[data-status]").first()).toHaveAttribute("data-status", "warn");
    const finding = page.locator('details[data-finding="redis.queue-backlog"]');
    await expect(finding).toBeVisible();
    await finding.locator("summary").click();
    await expect(finding.getByText("What to do")).toBeVisible();
    await expect(finding.locator("code").first()).toHaveText(/^redis-cli -h 127\.0\.0\.1 -p 7419 -n 10 LLEN action_jobs$/);
    await page.screenshot({ path: "tests/e2e/screenshots/service-queue-backlog.png", fullPage: true });

    await page.goto(lantern.url);
    await expect(page.locator('article[data-service="agentauri"]').getByTestId("top-finding")).toHaveText(/^Queue backing up — action_jobs: [\d,]+ waiting/);
  } finally {
    await lab.revert("agentauri-queue-over-warn");
  }
});

test("a cause groups its symptoms: Redis at maxmemory explains the evictions, shown nested under it", async ({ page }) => {
  await allOk(20_000);
  await lantern.signIn(page, "viewer");
  await lab.apply("birb-nest-redis-near-maxmemory");
  try {
    await page.goto(`${lantern.url}/services/birb-nest`);
    const cause = page.locator('li:has(> details[data-finding="redis.memory-pressure"])');
    // What is checked here is the nesting; how soon each finding is raised is the accuracy suite's to time.
    // Evictions are counted between two runs once Redis is full, so they follow the pressure by a run or two.
    await expect(cause.locator('details[data-finding="redis.evictions"]')).toHaveAttribute("data-explained-by", "birb-nest.cache/redis.memory-pressure", { timeout: 10_000 });
    await page.screenshot({ path: "tests/e2e/screenshots/service-cause-and-symptom.png", fullPage: true });
  } finally {
    await lab.revert("birb-nest-redis-near-maxmemory");
  }
});

test("Kong goes down: the open page turns the kong breaker row open, and back to closed once Kong returns, live", async ({ page }) => {
  await allOk(20_000);
  await lantern.signIn(page, "viewer");
  await page.goto(`${lantern.url}/services/auth-token`);
  const row = page.locator('tr[data-breaker="kong"]');
  await expect(row).toHaveAttribute("data-state", "closed");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await lab.apply("auth-kong-down");
  try {
    await expect(row).toHaveAttribute("data-state", "open", { timeout: 15_000 });
    await expect(row.getByTestId("half-open-in")).toHaveText(/^(\d+ s|any moment)$/);
    await page.screenshot({ path: "tests/e2e/screenshots/service-breaker-open.png", fullPage: true });
  } finally {
    await lab.revert("auth-kong-down");
  }
  await expect(row).toHaveAttribute("data-state", "closed", { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
