import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge } from "@/lib/probe-kit/format";
import { above, amount } from "@/lib/probe-kit/thresholds";
import { showQuery } from "./sql-text";

export const lockWait = defineFinding({
  id: "postgres.lock-wait",
  title: "Sessions waiting on locks",
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
  fixes: ["postgres.terminate-backend"],
  matches: ["deadlock detected", "canceling statement due to lock timeout", "could not obtain lock"],
});

const waiterSchema = z.object({ pid: z.number(), application: z.string(), seconds: z.number(), blockedBy: z.array(z.number()), query: z.string() });

export const postgresBlockedQueries = defineProbe({
  id: "postgres.blocked-queries",
  title: "Lock waits",
  kind: "postgres",
  params: z.strictObject({
    warnSeconds: amount(60, "A session waiting this long on a lock warns"),
    critSeconds: amount(120, "A session waiting this long on a lock is critical"),
  }),
  data: z.object({ waiting: z.number(), waiters: z.array(waiterSchema), chain: z.string().optional() }),
  findings: [lockWait],
  command: (target) => target.psql("SELECT pid, pg_blocking_pids(pid) AS blocked_by, now() - query_start AS waiting FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0;"),
  async run(pool, params) {
    const { rows } = await pool.query<{ pid: number; application: string; seconds: number; blocked_by: number[]; query: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), '(none)') AS application, extract(epoch FROM now() - query_start)::float AS seconds,
              pg_blocking_pids(pid) AS blocked_by, query
       FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0 ORDER BY query_start`,
    );
    const waiters = rows.map((r) => ({ pid: r.pid, application: r.application, seconds: r.seconds, blockedBy: r.blocked_by, query: showQuery(r.query) }));
    const first = waiters[0];
    if (!first) return { status: "ok", summary: "no session waits on a lock", data: { waiting: 0, waiters } };
    const heads = [...new Set(waiters.flatMap((w) => w.blockedBy))].filter((pid) => !waiters.some((w) => w.pid === pid));
    const { rows: blockers } = await pool.query<{ pid: number; application: string; state: string; seconds: number; query: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), '(none)') AS application, coalesce(state, '') AS state,
              extract(epoch FROM now() - coalesce(xact_start, query_start))::float AS seconds, query
       FROM pg_stat_activity WHERE pid = ANY($1)`,
      [heads],
    );
    const chain = blockers
      .map((b) => `pid ${b.pid} (${b.application}, ${b.state}, transaction open ${formatAge(b.seconds * 1000)}) blocks ${waiters.filter((w) => w.blockedBy.includes(b.pid)).map((w) => `pid ${w.pid} (${w.application})`).join(", ")}`)
      .join("; ");
    const verdict = above(first.seconds, { warn: params.warnSeconds, crit: params.critSeconds }, (s) => formatAge(s * 1000));
    const summary = `${waiters.length} waiting on locks, longest ${formatAge(first.seconds * 1000)}${chain ? `; ${chain}` : ""}`;
    const data = { waiting: waiters.length, waiters: waiters.slice(0, 10), ...(chain ? { chain } : {}) };
    if (!verdict.severity) return { status: "ok", summary, data };
    const head = blockers[0];
    return {
      status: verdict.severity,
      summary,
      data,
      findings: [raise(lockWait, verdict.severity, summary, { waiting: waiters.length, longest: formatAge(first.seconds * 1000), rule: verdict.rule, chain, headPid: head?.pid, headQuery: head ? showQuery(head.query) : undefined })],
    };
  },
});
