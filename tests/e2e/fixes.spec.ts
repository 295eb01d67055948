import { expect, test, type Page } from "@playwright/test";
import type { EstateView, FindingView } from "@/lib/api/estate-view-schema";
import type { AuditEntry, FixPreviewView, FixRunView } from "@/lib/api/fix-schema";
import type { Snapshot, SnapshotCreated } from "@/lib/api/snapshot-schema";
import type { Lab } from "@/lab/lab";
import { notOk } from "../support/expectations";
import { startLabAndLantern, type LabAndLantern } from "../support/lab-and-lantern";
import type { LanternServer } from "../support/lantern-server";

// Every guided fix closes its lab scenario end to end: scenario → finding → preview → execute → verified → audited.
interface FixCase {
  scenario: string;
  finding: string;
  on: string;
  fix: string;
  /** Some trouble needs to exist a while before it is something a fix may touch (sessions idle for the threshold). */
  settleMs?: number;
  /** A second fix the same scenario needs once the first has run (a stream, then its consumer). */
  then?: Omit<FixCase, "scenario" | "then">;
}

// Scenarios whose cause stops once the fix has run. Those whose cause goes on (a writer still writing keys
// without TTL, workers still parking dead letters) answer not-verified or state-changed, as they should: see the note.
const CASES: FixCase[] = [
  { scenario: "birb-nest-long-running-query", finding: "postgres.long-running-query", on: "birb-nest.db", fix: "postgres.cancel-query" },
  { scenario: "agentauri-idle-in-transaction", finding: "postgres.idle-in-transaction", on: "agentauri.db", fix: "postgres.terminate-idle-in-transaction" },
  { scenario: "agentauri-lock-wait", finding: "postgres.lock-wait", on: "agentauri.db", fix: "postgres.terminate-lock-blocker" },
  { scenario: "agentauri-trigger-disabled", finding: "postgres.trigger-disabled", on: "agentauri.db", fix: "postgres.enable-trigger" },
  { scenario: "agentauri-breakers-open", finding: "postgres.breaker-open", on: "agentauri.db", fix: "postgres.reset-breaker" },
  { scenario: "agentauri-inactive-replication-slot", finding: "postgres.inactive-replication-slot", on: "agentauri.db", fix: "postgres.drop-replication-slot" },
  {
    scenario: "birb-nest-stream-missing",
    finding: "nats.stream-missing",
    on: "birb-nest.queue",
    fix: "nats.create-stream",
    then: { finding: "nats.consumer-missing", on: "birb-nest.queue", fix: "nats.create-consumer" },
  },
  { scenario: "user-sync-consumer-deleted", finding: "nats.consumer-missing", on: "user-sync.bus", fix: "nats.create-consumer" },
  { scenario: "birb-nest-rate-limited", finding: "http.rate-limited", on: "birb-nest.api", fix: "http.action" },
  { scenario: "auth-breaker-stuck-open", finding: "http.breaker-open", on: "auth-token.api", fix: "http.action" },
  { scenario: "agentauri-pool-exhaustion", finding: "postgres.pool-exhaustion", on: "agentauri.db", fix: "postgres.terminate-idle-sessions", settleMs: 3_500 },
];

/** When each fix last ran on each dependency: a second run within its cooldown would be refused, and rightly. */
const lastRun = new Map<string, number>();
const COOLDOWN_MS = 31_000;

async function outOfCooldown(fix: string, on: string): Promise<void> {
  const wait = (lastRun.get(`${fix} ${on}`) ?? 0) + COOLDOWN_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

let running: LabAndLantern;
let lab: Lab;
let lantern: LanternServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  running = await startLabAndLantern();
  ({ lab, lantern } = running);
});

test.afterAll(() => running?.stop());

const estate = async () => (await (await lantern.fetch("/api/estate")).json()) as EstateView;
const post = async <T>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
  const response = await lantern.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
};

async function raised(c: Pick<FixCase, "finding" | "on" | "fix">): Promise<FindingView> {
  let found: FindingView | undefined;
  await expect
    .poll(async () => (found = (await estate()).findings.find((f) => f.id === c.finding && f.dependencyId === c.on && f.fixes.some((x) => x.id === c.fix))) !== undefined, { timeout: 15_000, intervals: [250] })
    .toBe(true);
  return found!;
}

async function allOk(): Promise<void> {
  await expect.poll(async () => notOk(await estate()), { timeout: 30_000, intervals: [250] }).toEqual([]);
}

async function openFinding(page: Page, finding: string) {
  await page.goto(`${lantern.url}/services/agentauri`);
  await page.locator(`[data-finding="${finding}"] summary`).click();
}

test("in Chromium: the pool-exhaustion finding's fix — read the targets, confirm, watch it verified, find it in the audit log", async ({ page }) => {
  test.setTimeout(90_000);
  await allOk();
  await lab.apply("agentauri-pool-exhaustion");
  try {
    await raised(CASES.find((c) => c.scenario === "agentauri-pool-exhaustion")!);
    await new Promise((resolve) => setTimeout(resolve, 3_500));

    const before = await post<SnapshotCreated>("/api/snapshots", { title: "Pool exhausted, before the fix" });
    expect(before.status).toBe(201);

    await lantern.signIn(page, "viewer");
    await openFinding(page, "postgres.pool-exhaustion");
    await expect(page.locator('[data-fix="postgres.terminate-idle-sessions"]')).toBeDisabled();
    await expect(page.getByText("Only an operator may run fixes")).toBeVisible();

    await page.context().clearCookies();
    await lantern.signIn(page, "operator");
    await openFinding(page, "postgres.pool-exhaustion");
    await page.locator('[data-fix="postgres.terminate-idle-sessions"]').click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("fix-summary")).toHaveText(/^terminate 19 sessions of action-worker idle for over 3 s$/);
    await expect(dialog.getByTestId("fix-targets").locator("tbody tr")).toHaveCount(19);
    await expect(dialog.getByTestId("fix-targets")).toContainText("action-worker");
    const run = dialog.getByRole("button", { name: /^Run: terminate 19 sessions/ });
    await expect(run).toBeDisabled();
    await dialog.getByRole("checkbox").check();
    await page.screenshot({ path: "tests/e2e/screenshots/fix-preview.png" });
    await run.click();
    await expect(dialog.getByTestId("fix-outcome")).toHaveAttribute("data-outcome", "verified", { timeout: 20_000 });
    lastRun.set("postgres.terminate-idle-sessions agentauri.db", Date.now());
    await expect(dialog.getByTestId("fix-outcome")).toContainText("terminated 19 of 19 idle sessions");
    await page.screenshot({ path: "tests/e2e/screenshots/fix-verified.png" });
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(page.getByTestId("recent-fix").first()).toContainText("verified: finding cleared");

    // The first snapshot still shows the before-state; a second one shows the after-state and the fix's outcome.
    const after = await post<SnapshotCreated>("/api/snapshots", { title: "After the fix" });
    const frozenBefore = (await (await lantern.fetch(`/api/snapshots/${before.body.id}`)).json()) as Snapshot;
    const frozenAfter = (await (await lantern.fetch(`/api/snapshots/${after.body.id}`)).json()) as Snapshot;
    expect(frozenBefore.estate.findings.some((f) => f.id === "postgres.pool-exhaustion")).toBe(true);
    expect(frozenBefore.fixes).toEqual([]);
    expect(frozenAfter.estate.findings.some((f) => f.id === "postgres.pool-exhaustion")).toBe(false);
    expect(frozenAfter.fixes.map((f) => [f.fixId, f.outcome, f.actor])).toEqual([["postgres.terminate-idle-sessions", "verified", "e2e-operator"]]);

    await page.goto(`${lantern.url}/audit`);
    const row = page.locator('tr[data-action="execute"][data-outcome="verified"]').first();
    await expect(row).toContainText("postgres.terminate-idle-sessions");
    await expect(row).toContainText("e2e-operator");
    await page.screenshot({ path: "tests/e2e/screenshots/audit.png", fullPage: true });
  } finally {
    await lab.revert("agentauri-pool-exhaustion");
  }
});

/** One fix through the whole loop, over the API; a row of figures for the table. */
async function fixes(c: Omit<FixCase, "then">): Promise<Record<string, string>> {
  await outOfCooldown(c.fix, c.on);
  const finding = await raised(c);
  if (c.settleMs) await new Promise((resolve) => setTimeout(resolve, c.settleMs));
  let started = performance.now();
  const preview = await post<FixPreviewView>("/api/fixes/preview", { dependencyId: c.on, fixId: c.fix, findingKey: finding.key });
  const previewMs = performance.now() - started;
  expect(preview.status, JSON.stringify(preview.body)).toBe(200);
  expect(preview.body.targets.length, preview.body.summary).toBeGreaterThan(0);
  started = performance.now();
  const run = await post<FixRunView>("/api/fixes/execute", { previewId: preview.body.previewId, idempotencyKey: `e2e-${c.fix}-${Date.now()}`, ...(preview.body.confirm ? { confirm: preview.body.confirm.expected } : {}) });
  const executeMs = performance.now() - started;
  lastRun.set(`${c.fix} ${c.on}`, Date.now());
  expect(run.status, JSON.stringify(run.body)).toBe(200);
  expect(run.body.outcome, `${c.fix}: ${run.body.summary}`).toBe("verified");
  const audit = (await (await lantern.fetch(`/api/audit?dependencyId=${c.on}`)).json()) as { entries: AuditEntry[] };
  expect(audit.entries.find((e) => e.runId === run.body.runId)).toMatchObject({ action: "execute", outcome: "verified", actor: "e2e-operator", role: "operator" });
  return { fix: c.fix, scenario: c.scenario, risk: preview.body.risk, targets: String(preview.body.targets.length), "preview ms": previewMs.toFixed(0), "execute → verified ms": executeMs.toFixed(0), summary: run.body.summary.slice(0, 80) };
}

test("every fix: its scenario's finding offers it, the preview names the targets, execute is verified by probing again, and the audit says so", async () => {
  test.setTimeout(CASES.length * 60_000 + 60_000);
  await allOk();
  const rows: Record<string, string>[] = [];
  for (const c of CASES) {
    await outOfCooldown(c.fix, c.on);
    await lab.apply(c.scenario);
    try {
      for (const step of c.then ? [c, { ...c.then, scenario: c.scenario }] : [c]) rows.push(await fixes(step));
    } finally {
      await lab.revert(c.scenario);
    }
    await allOk();
  }
  console.log("\nGuided fixes on the lab");
  console.table(rows);
});
