import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FixPreviewView, FixRunView } from "@/lib/api/fix-schema";
import type { RequestError } from "@/lib/api/request-error";
import { type Lantern } from "@/lib/engine/runtime";
import { FixRunner } from "@/lib/fixes/fix-runner";
import { listAudit } from "@/lib/store/fix-records";
import { ALICE, lanternOnStore, laterRunner } from "../support/lantern-in-process";
import { ADMIN_URL, type StoreHome } from "../support/store-backends";

// Every PostgreSQL fix end to end on the machine's server: trouble made in a database of the test's own → finding → preview → execute → verified.
const DB = `lantern_test_fix_pg_${process.pid}`;
const DB_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
// Replication slots belong to the whole server: this one is named for this run.
const SLOT = `lantern_test_fix_slot_${process.pid}`;
const TRIGGER = "Notify New Event";
let home: StoreHome;
let lantern: Lantern;
const sessions: pg.Client[] = [];

async function session(application: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DB_URL, application_name: application });
  client.on("error", () => undefined);
  await client.connect();
  sessions.push(client);
  return client;
}

async function sql(statement: string, url = DB_URL): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

const pidOf = async (client: pg.Client) => Number((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
const finding = (id: string) => lantern.findings.list().find((f) => f.definition.id === id);
const probe = () => Promise.all(lantern.estate.dependencies.get("app.db")!.probes.map((p) => lantern.runner.run(p, "manual")));
// Past the estate's 1 s thresholds.
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_300));
/** A query that will not finish by itself, whose failure the test reads later. */
const pending = (client: pg.Client, statement: string) => client.query(statement).then(() => undefined, (error: { code?: string }) => error.code ?? "failed");

beforeAll(async () => {
  await sql(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`, ADMIN_URL);
  await sql(`CREATE DATABASE ${DB}`, ADMIN_URL);
  await sql(`
    CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);
    INSERT INTO accounts VALUES (1, 100), (2, 100);
    CREATE TABLE events (id bigserial PRIMARY KEY, payload text);
    CREATE FUNCTION notify_new_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('new_event', NEW.id::text); RETURN NEW; END $$;
    -- A name that must be quoted: the fix builds its statement from the catalog.
    CREATE TRIGGER "${TRIGGER}" AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION notify_new_event();
    -- Breakers in a table of another shape and spelling than AgentAuri's.
    CREATE SCHEMA ops;
    CREATE TABLE ops.breaker_rows (breaker text PRIMARY KEY, status text NOT NULL CHECK (status IN ('CLOSED', 'OPEN', 'HALF_OPEN')), failures int NOT NULL DEFAULT 0, changed_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO ops.breaker_rows (breaker, status) VALUES ('payments-webhook', 'CLOSED'), ('telegram-alerts', 'CLOSED');
  `);
  ({ lantern, home } = await lanternOnStore("postgres", "fixes_pg", `services:
  - id: app
    dependencies:
      - id: db
        kind: postgres
        url: "${DB_URL}"
        probes:
          - { probe: postgres.long-running-queries, warnSeconds: 1, critSeconds: 60 }
          - { probe: postgres.idle-in-transaction, warnSeconds: 1, critSeconds: 60 }
          - { probe: postgres.blocked-queries, warnSeconds: 1, critSeconds: 60 }
          - { probe: postgres.triggers, triggers: [{ table: events, name: "${TRIGGER}" }] }
          - { probe: postgres.breakers, table: ops.breaker_rows, nameColumn: breaker, stateColumn: status, failuresColumn: failures, sinceColumn: changed_at }
          # A slot holding no WAL yet (another run's, just created) is left to its owner.
          - { probe: postgres.replication, warnRetainedBytes: 1 }
`));
}, 60_000);

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((c) => c.end().catch(() => undefined)));
});

afterAll(async () => {
  await lantern.stop();
  await home.remove();
  await sql(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '${SLOT}'`, ADMIN_URL);
  await sql(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`, ADMIN_URL);
});

let shift = 0;
let runner: FixRunner;
beforeEach(() => {
  ({ runner, shift } = laterRunner(lantern));
});

/** Previews the fix the raised finding offers, then executes it; both timed, for the report. */
async function runFix(findingId: string, fixId: string, options: { params?: Record<string, unknown>; confirm?: string; check?: (preview: FixPreviewView) => void } = {}) {
  const raised = finding(findingId);
  expect(raised, `${findingId} is raised`).toBeDefined();
  let started = performance.now();
  const preview = await runner.preview({ dependencyId: "app.db", fixId, findingKey: raised!.key, ...(options.params ? { params: options.params } : {}) }, ALICE);
  const previewMs = performance.now() - started;
  options.check?.(preview);
  started = performance.now();
  const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: `${fixId}-${shift}`, ...(options.confirm ? { confirm: options.confirm } : {}) }, ALICE);
  console.info(`${fixId}: preview ${Math.round(previewMs)} ms, execute → ${run.outcome} ${Math.round(performance.now() - started)} ms`);
  return { preview, run };
}

/** The run and its preview are the newest audit records, with alice, the outcome and the targets acted on. */
async function expectAudited(run: FixRunView) {
  const { entries } = await listAudit(lantern.records!.store, { limit: 5 });
  expect(entries.slice(0, 2).map((e) => [e.action, e.fixId, e.outcome, e.actor, e.targets])).toEqual([
    ["execute", run.fixId, run.outcome, "alice", run.targets],
    ["preview", run.fixId, "previewed", "alice", run.targets],
  ]);
}

describe("postgres.cancel-query", () => {
  it("cancels the long query the finding saw, shown with its literals masked, and the session lives on", async () => {
    const report = await session("nightly-report");
    const pid = await pidOf(report);
    const running = pending(report, "SELECT pg_sleep(600), 'ceo@example.com' AS recipient /* nightly report */");
    await settle();
    await probe();
    expect(finding("postgres.long-running-query")?.evidence.pids).toEqual([pid]);

    const { run } = await runFix("postgres.long-running-query", "postgres.cancel-query", {
      check: (preview) => {
        expect(preview.risk).toBe("caution");
        expect(preview.summary).toBe("cancel 1 query running for over 1 s; terminate the session of any still running 5 s after the cancel");
        expect(preview.targets.map((t) => [t.details.pid, t.details.user, t.details.application, t.details.query])).toEqual([
          [pid, "postgres", "nightly-report", "SELECT pg_sleep(600), '?' AS recipient /* nightly report */"],
        ]);
      },
    });
    expect(run).toMatchObject({ outcome: "verified", summary: "cancelled 1 query", verification: { findingCleared: true } });
    expect(await running).toBe("57014");
    expect((await report.query("SELECT 1 AS alive")).rows).toEqual([{ alive: 1 }]);
    await expectAudited(run);
  });

  it("terminates the session of a query that ignores the cancel, after the wait the engineer set", async () => {
    const stubborn = await session("stubborn-batch");
    const pid = await pidOf(stubborn);
    // A loop that swallows every cancel, as a badly written batch job does.
    const running = pending(stubborn, "DO $$ BEGIN LOOP BEGIN PERFORM pg_sleep(600); EXCEPTION WHEN query_canceled THEN NULL; END; END LOOP; END $$");
    await settle();
    await probe();

    const { run } = await runFix("postgres.long-running-query", "postgres.cancel-query", {
      params: { cancelWaitSeconds: 1 },
      check: (preview) => expect(preview.targets.map((t) => t.details.pid)).toEqual([pid]),
    });
    expect(run).toMatchObject({ outcome: "verified", summary: "cancelled 1 query; 1 query ignored the cancel for 1 s, so its session was terminated" });
    expect(await running).toBe("57P01");
    await expectAudited(run);
  });
});

describe("postgres.terminate-idle-in-transaction", () => {
  it("terminates the session left in a transaction, which rolls back", async () => {
    const admin = await session("admin-console");
    const pid = await pidOf(admin);
    await admin.query("BEGIN");
    await admin.query("UPDATE accounts SET balance = 0 WHERE id = 1");
    const bystander = await session("api");
    await settle();
    await probe();

    const { run } = await runFix("postgres.idle-in-transaction", "postgres.terminate-idle-in-transaction", {
      check: (preview) => {
        expect(preview.summary).toBe("terminate 1 session idle in a transaction for over 1 s; its transaction rolls back");
        expect(preview.targets.map((t) => [t.details.pid, t.details.application, t.details.state, t.details["last statement"]])).toEqual([
          [pid, "admin-console", "idle in transaction", "UPDATE accounts SET balance = 0 WHERE id = 1"],
        ]);
      },
    });
    expect(run).toMatchObject({ outcome: "verified", summary: "terminated 1 session idle in a transaction; its transaction was rolled back" });
    expect(await sql("SELECT balance FROM accounts WHERE id = 1")).toEqual([{ balance: 100 }]);
    // An idle session outside a transaction is not a target.
    expect((await bystander.query("SELECT 1 AS alive")).rows).toEqual([{ alive: 1 }]);
    await expectAudited(run);
  });
});

describe("postgres.terminate-lock-blocker", () => {
  /** A session holding account 1's row lock in a transaction it does not end. */
  async function holder(): Promise<number> {
    const migration = await session("migration");
    await migration.query("BEGIN");
    await migration.query("SELECT * FROM accounts WHERE id = 1 FOR UPDATE");
    return pidOf(migration);
  }

  it("terminates the session at the head of the chain, never a waiter, and the waiter goes on", async () => {
    const head = await holder();
    const writer = await session("writer");
    const waiting = pending(writer, "UPDATE accounts SET balance = balance + 1 WHERE id = 1");
    await settle();
    await probe();

    const { run } = await runFix("postgres.lock-wait", "postgres.terminate-lock-blocker", {
      check: (preview) => {
        expect(preview.targets.map((t) => [t.details.pid, t.details.application, t.details.state, t.details.blocks])).toEqual([[head, "migration", "idle in transaction", 1]]);
        expect(preview.summary).toBe(`terminate pid ${head} (migration, idle in transaction), at the head of the lock chain blocking 1 session; its transaction rolls back`);
      },
    });
    expect(run).toMatchObject({ outcome: "verified", summary: "terminated 1 session holding the lock; the sessions behind it can go on" });
    expect(await waiting).toBeUndefined();
    await expectAudited(run);
  });

  it("is not verified when a waiter in the chain holds a lock of its own in a transaction it keeps open", async () => {
    const head = await holder();
    // A batch job locks account 2, then waits for account 1 behind the head; a writer of account 2 waits behind the job.
    const batch = await session("batch");
    await batch.query("BEGIN");
    await batch.query("SELECT * FROM accounts WHERE id = 2 FOR UPDATE");
    const batchWaiting = pending(batch, "UPDATE accounts SET balance = balance + 1 WHERE id = 1");
    const writer = await session("writer");
    const writerWaiting = pending(writer, "UPDATE accounts SET balance = balance + 2 WHERE id = 2");
    await settle();
    await probe();

    const { run } = await runFix("postgres.lock-wait", "postgres.terminate-lock-blocker", {
      // The batch job blocks the writer but waits itself: not a head, not a target.
      check: (preview) => expect(preview.targets.map((t) => t.details.pid)).toEqual([head]),
    });
    expect(run.outcome).toBe("not-verified");
    expect(run.verification.findingCleared).toBe(false);
    expect(run.summary).toMatch(/^terminated 1 session holding the lock; the sessions behind it can go on; but still: 1 waiting on locks, .*\(batch, idle in transaction.*\) blocks pid \d+ \(writer\)/);
    expect(await batchWaiting).toBeUndefined();
    await expectAudited(run);
    await batch.query("ROLLBACK");
    expect(await writerWaiting).toBeUndefined();
  });
});

describe("postgres.enable-trigger", () => {
  it("enables the disabled trigger, its name quoted by the server", async () => {
    await sql(`ALTER TABLE events DISABLE TRIGGER "${TRIGGER}"`);
    await probe();

    const { run } = await runFix("postgres.trigger-disabled", "postgres.enable-trigger", {
      check: (preview) => {
        expect(preview.summary).toBe(`enable trigger ${TRIGGER} on events; rows written while it was disabled do not fire it afterwards`);
        expect(preview.targets.map((t) => [t.details.trigger, t.details.table, t.details.state])).toEqual([[TRIGGER, "events", "disabled"]]);
      },
    });
    expect(run).toMatchObject({ outcome: "verified", summary: `enabled 1 trigger (${TRIGGER} on events); replay what was written while disabled if listeners missed it` });
    expect(await sql(`SELECT tgenabled FROM pg_trigger WHERE tgname = '${TRIGGER}'`)).toEqual([{ tgenabled: "O" }]);
    await expectAudited(run);
  });
});

describe("postgres.reset-breaker", () => {
  it("asks whether the cause is fixed, then closes the open breaker in the table's own words", async () => {
    await sql("UPDATE ops.breaker_rows SET status = 'OPEN', failures = 7, changed_at = now() WHERE breaker = 'payments-webhook'");
    await probe();

    const { run } = await runFix("postgres.breaker-open", "postgres.reset-breaker", {
      check: (preview) => {
        expect(preview).toMatchObject({ risk: "caution", ask: "Is the root cause of these failures fixed?" });
        expect(preview.summary).toBe("close 1 open breaker (payments-webhook) and set its failure count to 0, so its actions run again");
        expect(preview.targets.map((t) => [t.id, t.details.state, t.details.failures])).toEqual([["payments-webhook", "OPEN", 7]]);
      },
    });
    expect(run).toMatchObject({ outcome: "verified", summary: "closed 1 breaker (payments-webhook) with failure counts at 0; if the cause is still there they open again" });
    expect(await sql("SELECT breaker, status, failures FROM ops.breaker_rows ORDER BY 1")).toEqual([
      { breaker: "payments-webhook", status: "CLOSED", failures: 0 },
      { breaker: "telegram-alerts", status: "CLOSED", failures: 0 },
    ]);
    await expectAudited(run);
  });
});

describe("postgres.drop-replication-slot", () => {
  it("drops the unused slot only once the engineer types its name", async () => {
    await sql(`SELECT pg_create_physical_replication_slot('${SLOT}', true)`, ADMIN_URL);
    // WAL written after the slot's position: the slot now holds some.
    await sql("INSERT INTO events (payload) SELECT 'filler' FROM generate_series(1, 100)");
    await probe();
    expect(finding("postgres.inactive-replication-slot")?.evidence.slot).toBe(SLOT);

    const preview = await runner.preview({ dependencyId: "app.db", fixId: "postgres.drop-replication-slot", findingKey: finding("postgres.inactive-replication-slot")!.key }, ALICE);
    expect(preview).toMatchObject({ risk: "destructive", confirm: { type: "type-name", expected: SLOT } });
    const refused = await runner.execute({ previewId: preview.previewId, idempotencyKey: `unconfirmed-${shift}` }, ALICE).catch((error: RequestError) => error);
    expect(refused).toMatchObject({ status: 400, code: "confirmation-needed" });

    const { run } = await runFix("postgres.inactive-replication-slot", "postgres.drop-replication-slot", {
      confirm: SLOT,
      check: (again) => {
        expect(again.summary).toMatch(new RegExp(`^drop replication slot ${SLOT} \\(physical\\), unused, holding [\\d.]+ (B|KiB|MiB) of WAL`));
        expect(again.targets.map((t) => [t.id, t.details.type, t.details.active])).toEqual([[SLOT, "physical", "no"]]);
      },
    });
    expect(run).toMatchObject({ outcome: "verified", summary: expect.stringMatching(new RegExp(`^dropped replication slot ${SLOT}; the server may now recycle`)) });
    expect(await sql(`SELECT slot_name FROM pg_replication_slots WHERE slot_name = '${SLOT}'`, ADMIN_URL)).toEqual([]);
    await expectAudited(run);
  });
});
