import { z } from "zod";
import { above, amount } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { sessionColumns, sessionState, sessionTarget, targetSessions, terminateSessions, TOUCHABLE, type SessionCondition, type SessionRow } from "./fix-sessions";
import { partOf, plural } from "./plural";
import { showSeconds } from "./show-seconds";
import { showQuery } from "./sql-text";

/**
 * At the head of a chain: it blocks someone and waits on nobody, so it is never
 * a waiter; since its transaction began (or its start, for a session-level
 * advisory lock held outside one).
 */
const HEAD: SessionCondition = {
  since: "coalesce(a.xact_start, a.backend_start)",
  where: "cardinality(pg_blocking_pids(a.pid)) = 0 AND EXISTS (SELECT 1 FROM pg_stat_activity w WHERE a.pid = ANY(pg_blocking_pids(w.pid)))",
};

export const terminateLockBlocker = defineFix({
  id: "postgres.terminate-lock-blocker",
  title: "Terminate the session holding the lock",
  kind: "postgres",
  risk: "caution",
  params: z.strictObject({
    waitSeconds: z.number().positive().describe("Chains whose waiters have waited at least this long"),
  }),
  paramsFrom: ({ evidence, probeParams }) => (typeof evidence.headPid === "number" && typeof probeParams.warnSeconds === "number" ? { waitSeconds: probeParams.warnSeconds } : undefined),
  async preview(pool, params) {
    // From each session waiting long enough, up its chain of blockers to the sessions that wait on nobody.
    const { rows } = await pool.query<SessionRow & { blocked: number[] }>(
      `WITH RECURSIVE chain(pid) AS (
         SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0 AND query_start <= now() - make_interval(secs => $1)
         UNION
         SELECT b.pid FROM chain, unnest(pg_blocking_pids(chain.pid)) AS b(pid)
       )
       SELECT ${sessionColumns(HEAD)}, ARRAY(SELECT w.pid FROM pg_stat_activity w WHERE a.pid = ANY(pg_blocking_pids(w.pid))) AS blocked
       FROM pg_stat_activity a JOIN chain USING (pid)
       WHERE ${TOUCHABLE} AND ${HEAD.where}
       ORDER BY ${HEAD.since}`,
      [params.waitSeconds],
    );
    // A waiter behind two heads counts once.
    const blocked = new Set(rows.flatMap((row) => row.blocked)).size;
    const heads = rows.map((row) => `pid ${row.pid} (${row.application_name || "no application"}, ${row.state})`).join(", ");
    return {
      summary: rows.length
        ? `terminate ${heads}, at the head of the lock chain${rows.length === 1 ? "" : "s"} blocking ${plural(blocked, "session")}; ${rows.length === 1 ? "its transaction rolls" : "their transactions roll"} back`
        : `no session of this database has held others waiting for over ${showSeconds(params.waitSeconds)}: nothing to terminate`,
      targets: rows.map((row) => {
        const target = sessionTarget(row, "transaction open");
        return { ...target, label: `${target.label} · blocks ${plural(row.blocked.length, "session")}`, details: { ...target.details, blocks: row.blocked.length } };
      }),
      // The heads and their transactions, not who queues behind them: waiters keep arriving while a lock is held.
      state: sessionState(rows),
    };
  },
  async execute(pool, _params, targets) {
    const ended = await terminateSessions(pool, targetSessions(targets), HEAD);
    return { summary: `terminated ${partOf(ended, targets.length, "session")} holding the lock; the sessions behind ${ended === 1 ? "it" : "them"} can go on`, touched: ended };
  },
  verify: ["postgres.blocked-queries"],
  cooldownMs: 30_000,
  maxTargets: 10,
});

export const lockWait = defineFinding({
  id: "postgres.lock-wait",
  title: "Sessions waiting on locks",
  severities: ["warn", "crit"],
  cause:
    "Sessions are stuck behind a lock another session holds: often a transaction left open (idle in transaction), a long migration or ALTER TABLE, or two writers updating the same rows in opposite order.",
  steps: [
    "Follow the chain to the session at its head: the one that blocks and waits on nobody.",
    "If the head is idle in a transaction, its owner forgot to commit: end it (its work rolls back).",
    "If the head is a migration or a batch job, decide whether to let it finish or cancel it.",
    "Afterwards, look at why the writers meet: lock order, batch size, lock_timeout on migrations.",
  ],
  commands: (target) => [
    target.psql("SELECT pid, pg_blocking_pids(pid) AS blocked_by, now() - query_start AS waiting, left(query, 120) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0;"),
  ],
  fixes: [terminateLockBlocker],
  matches: ["deadlock detected", "canceling statement due to lock timeout", "could not obtain lock"],
});

const waiterSchema = z.object({ pid: z.number(), application: z.string(), seconds: z.number(), blockedBy: z.array(z.number()), query: z.string() });

export const postgresBlockedQueries = defineProbe({
  id: "postgres.blocked-queries",
  title: "Lock waits",
  reads: "sessions waiting on locks and the chain to the blocker",
  kind: "postgres",
  params: z.strictObject({
    warnSeconds: amount(60, "A session waiting this long on a lock warns"),
    critSeconds: amount(120, "A session waiting this long on a lock is critical"),
  }),
  data: z.object({
    waiting: z.number(),
    waiters: z.array(waiterSchema),
    chain: z.string().optional(),
    /** The session at the head of the chain: it blocks and waits on nobody. */
    head: z.object({ pid: z.number(), query: z.string() }).optional(),
  }),
  findings: [lockWait],
  command: (target) => target.psql("SELECT pid, pg_blocking_pids(pid) AS blocked_by, now() - query_start AS waiting FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0;"),
  async read(pool) {
    const { rows } = await pool.query<{ pid: number; application: string; seconds: number; blocked_by: number[]; query: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), '(none)') AS application, extract(epoch FROM now() - query_start)::float AS seconds,
              pg_blocking_pids(pid) AS blocked_by, query
       FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0 ORDER BY query_start`,
    );
    const waiters = rows.map((r) => ({ pid: r.pid, application: r.application, seconds: r.seconds, blockedBy: r.blocked_by, query: showQuery(r.query) }));
    if (waiters.length === 0) return { waiting: 0, waiters };
    const heads = [...new Set(waiters.flatMap((w) => w.blockedBy))].filter((pid) => !waiters.some((w) => w.pid === pid));
    const { rows: blockers } = await pool.query<{ pid: number; application: string; state: string; seconds: number; query: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), '(none)') AS application, coalesce(state, '') AS state,
              extract(epoch FROM now() - coalesce(xact_start, query_start))::float AS seconds, query
       FROM pg_stat_activity WHERE pid = ANY($1)`,
      [heads],
    );
    const chain = blockers
      .map((b) => `pid ${b.pid} (${b.application}, ${b.state}, transaction open ${showSeconds(b.seconds)}) blocks ${waiters.filter((w) => w.blockedBy.includes(b.pid)).map((w) => `pid ${w.pid} (${w.application})`).join(", ")}`)
      .join("; ");
    const head = blockers[0];
    return {
      waiting: waiters.length,
      waiters: waiters.slice(0, 10),
      ...(chain ? { chain } : {}),
      ...(head ? { head: { pid: head.pid, query: showQuery(head.query) } } : {}),
    };
  },
  judge({ waiting, waiters, chain, head }, params) {
    // Waiters come oldest first: the first has waited longest.
    const longest = waiters[0];
    if (!longest) return { summary: "no session waits on a lock", findings: [] };
    const verdict = above(longest.seconds, { warn: params.warnSeconds, crit: params.critSeconds }, showSeconds);
    const summary = `${waiting} waiting on locks, longest ${showSeconds(longest.seconds)}${chain ? `; ${chain}` : ""}`;
    if (!verdict.severity) return { summary, findings: [] };
    return {
      summary,
      findings: [raise(lockWait, verdict.severity, summary, { waiting, longest: showSeconds(longest.seconds), rule: verdict.rule, chain, headPid: head?.pid, headQuery: head?.query })],
    };
  },
});
