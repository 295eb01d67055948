import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RequestError } from "@/lib/api/request-error";
import { type Lantern } from "@/lib/engine/runtime";
import { FixRunner } from "@/lib/fixes/fix-runner";
import { listAudit } from "@/lib/store/fix-records";
import { listTimeline } from "@/lib/store/timeline";
import { ALICE, lanternOnStore, laterRunner, refusal } from "../support/lantern-in-process";
import { ADMIN_URL, type StoreHome } from "../support/store-backends";

// The fix engine end to end on a real PostgreSQL: sessions a pool holds, terminated through preview → execute → verify.
const DB = `lantern_test_fixes_${process.pid}`;
const DB_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
let home: StoreHome;
let lantern: Lantern;
const hogs: pg.Client[] = [];

async function hog(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const client = new pg.Client({ connectionString: DB_URL, application_name: "hog" });
    client.on("error", () => undefined);
    await client.connect();
    hogs.push(client);
  }
}

const alive = async () => Number((await lantern.records!.store.query<{ n: number }>("SELECT 1 AS n")).length) && (await admin(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${DB}' AND application_name = 'hog'`))[0]!.n;

async function admin(sql: string): Promise<{ n: number }[]> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows;
  } finally {
    await client.end();
  }
}

const finding = () => lantern.findings.list().find((f) => f.definition.id === "postgres.pool-exhaustion");
const probe = () => Promise.all(lantern.estate.dependencies.get("app.db")!.probes.map((p) => lantern.runner.run(p, "manual")));
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_300));

beforeAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB}`);
  ({ lantern, home } = await lanternOnStore("postgres", "fixes", `services:
  - id: app
    dependencies:
      - id: db
        kind: postgres
        url: "${DB_URL}"
        probes: [{ probe: postgres.connections, pools: { hog: 5 }, idleMinutes: 0.02 }]
`));
}, 60_000);

afterEach(async () => {
  await Promise.all(hogs.splice(0).map((c) => c.end().catch(() => undefined)));
});

afterAll(async () => {
  await lantern.stop();
  await home.remove();
  await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
});

let shift = 0;
let runner: FixRunner;
beforeEach(() => {
  ({ runner, shift } = laterRunner(lantern));
});

async function previewOfFinding(using = runner) {
  const raised = finding()!;
  return using.preview({ dependencyId: "app.db", fixId: "postgres.terminate-idle-sessions", findingKey: raised.key }, ALICE);
}


describe("a guided fix", () => {
  it("previews exactly the parked sessions, terminates them, proves it by probing again, and audits it", async () => {
    await hog(5);
    await settle();
    await probe();
    expect(finding()?.severity).toBe("crit");
    const preview = await previewOfFinding();
    expect(preview.summary).toBe("terminate 5 sessions of hog idle for over 1 s");
    expect(preview.targets.map((t) => t.details.application)).toEqual(Array(5).fill("hog"));
    const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "key-verified-1" }, ALICE);
    expect(run).toMatchObject({ outcome: "verified", summary: "terminated 5 of 5 idle sessions", verification: { findingCleared: true } });
    expect(await alive()).toBe(0);
    expect(finding()).toBeUndefined();

    const audit = await listAudit(lantern.records!.store, { limit: 10 });
    expect(audit.entries.slice(0, 2).map((e) => [e.action, e.outcome, e.actor])).toEqual([
      ["execute", "verified", "alice"],
      ["preview", "previewed", "alice"],
    ]);
    await lantern.records!.writes.flush();
    const timeline = await listTimeline(lantern.records!.store, { limit: 20 });
    expect(timeline.entries.find((e) => e.kind === "fix")).toMatchObject({ actor: "alice", status: "verified", summary: expect.stringContaining("Terminate idle sessions by alice: verified") });
  });

  it("refuses, touching nothing, when the world changed between preview and execute", async () => {
    await hog(5);
    await settle();
    await probe();
    const preview = await previewOfFinding();
    // Two of the previewed sessions go away by themselves: the decision rested on them.
    await Promise.all(hogs.splice(0, 2).map((c) => c.end()));
    await settle();
    expect(await refusal(runner.execute({ previewId: preview.previewId, idempotencyKey: "key-changed-1" }, ALICE))).toEqual({ status: 409, code: "state-changed" });
    expect(await alive()).toBe(3);
    // The same key answers the same refusal and runs nothing.
    expect(await refusal(runner.execute({ previewId: preview.previewId, idempotencyKey: "key-changed-1" }, ALICE))).toEqual({ status: 409, code: "state-changed" });
  });

  it("one fix per dependency at a time: of two concurrent runs, one runs and the other is refused", async () => {
    await hog(5);
    await settle();
    await probe();
    const [a, b] = [await previewOfFinding(), await previewOfFinding()];
    const answers = await Promise.allSettled([
      runner.execute({ previewId: a.previewId, idempotencyKey: "key-concurrent-a" }, ALICE),
      runner.execute({ previewId: b.previewId, idempotencyKey: "key-concurrent-b" }, ALICE),
    ]);
    const codes = answers.map((answer) => (answer.status === "fulfilled" ? answer.value.outcome : (answer.reason as RequestError).code)).sort();
    // The loser is refused by the lock, or (when the first finished first) by its own re-read: either way nothing runs twice.
    expect(codes[1]).toBe("verified");
    expect(["lock-held", "cooldown", "state-changed"]).toContain(codes[0]);
  });

  it("the same idempotency key runs once and answers the first run's result", async () => {
    await hog(5);
    await settle();
    await probe();
    const preview = await previewOfFinding();
    const [first, again] = await Promise.all([
      runner.execute({ previewId: preview.previewId, idempotencyKey: "key-twice" }, ALICE),
      runner.execute({ previewId: preview.previewId, idempotencyKey: "key-twice" }, ALICE),
    ]);
    expect(again).toEqual(first);
    const runs = (await listAudit(lantern.records!.store, { limit: 50 })).entries.filter((e) => e.action === "execute" && e.runId === first.runId);
    expect(runs).toHaveLength(1);
  });

  it("a preview older than two minutes is refused with 410, and the cooldown holds with 429", async () => {
    await hog(5);
    await settle();
    await probe();
    let now = Date.now() + shift;
    const late = new FixRunner({ ...lantern, store: lantern.records!.store, timeline: lantern.records!.timeline, clock: () => now });
    const preview = await previewOfFinding(late);
    now += 2 * 60_000 + 1;
    expect(await refusal(late.execute({ previewId: preview.previewId, idempotencyKey: "key-expired" }, ALICE))).toEqual({ status: 410, code: "preview-expired" });
    // One run now, and the next within the fix's 30 s cooldown is refused.
    const first = await previewOfFinding(late);
    await late.execute({ previewId: first.previewId, idempotencyKey: "key-before-cooldown" }, ALICE);
    await hog(5);
    await settle();
    await probe();
    const second = await previewOfFinding(late);
    expect(await refusal(late.execute({ previewId: second.previewId, idempotencyKey: "key-cooldown" }, ALICE))).toEqual({ status: 429, code: "cooldown" });
  });

  it("is not verified when the cause is still there: the pool fills again while the fix runs", async () => {
    await hog(5);
    await settle();
    await probe();
    const preview = await previewOfFinding();
    // A pool that has already reconnected: fresh sessions, too young to be targets, fill it again.
    await hog(5);
    const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "key-respawn" }, ALICE);
    expect(run.outcome).toBe("not-verified");
    expect(run.verification.findingCleared).toBe(false);
    expect(run.summary).toMatch(/^terminated 5 of 5 idle sessions; but still: .*hog/);
  });
});
