import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge } from "@/lib/probe-kit/format";
import { above, amount } from "@/lib/probe-kit/thresholds";
import { showQuery } from "./sql-text";

export const idleInTransaction = defineFinding({
  id: "postgres.idle-in-transaction",
  title: "Session idle in a transaction",
  cause:
    "A client opened a transaction and stopped talking without COMMIT or ROLLBACK: an exception path that skips the rollback, a slow step between two queries, or a debugging session left open. It keeps its locks and its snapshot, blocking others and holding back vacuum.",
  steps: [
    "Find the session (pid, application, how long) and the last statement it ran.",
    "Ask the owning service why it stopped mid-transaction; restarting it releases the session.",
    "If it blocks others and the owner cannot act, end it with pg_terminate_backend(pid): its transaction rolls back.",
    "Set idle_in_transaction_session_timeout for that role so it cannot happen for long again.",
  ],
  commands: (target) => [
    target.psql("SELECT pid, application_name, usename, now() - state_change AS idle_for, left(query, 120) AS last_query FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' ORDER BY state_change;"),
  ],
  fixes: ["postgres.terminate-backend"],
  explains: ["postgres.lock-wait"],
  matches: ["idle in transaction", "terminating connection due to idle-in-transaction timeout"],
});

export const postgresIdleInTransaction = defineProbe({
  id: "postgres.idle-in-transaction",
  title: "Idle in transaction",
  kind: "postgres",
  params: z.strictObject({
    warnSeconds: amount(60, "Age of the oldest idle transaction that warns"),
    critSeconds: amount(300, "Age of the oldest idle transaction that is critical"),
  }),
  data: z.object({
    count: z.number(),
    oldestSeconds: z.number(),
    oldest: z.object({ pid: z.number(), application: z.string(), user: z.string(), lastQuery: z.string() }).optional(),
  }),
  findings: [idleInTransaction],
  command: (target) => target.psql("SELECT pid, application_name, now() - state_change AS idle_for FROM pg_stat_activity WHERE state LIKE 'idle in transaction%';"),
  async run(pool, params) {
    const { rows } = await pool.query<{ pid: number; application: string; user: string; seconds: number; query: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), '(none)') AS application, usename AS user,
              extract(epoch FROM now() - state_change)::float AS seconds, query
       FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND backend_type = 'client backend'
       ORDER BY state_change`,
    );
    const first = rows[0];
    if (!first) return { status: "ok", summary: "no session idle in a transaction", data: { count: 0, oldestSeconds: 0 } };
    const oldest = { pid: first.pid, application: first.application, user: first.user, lastQuery: showQuery(first.query) };
    const data = { count: rows.length, oldestSeconds: first.seconds, oldest };
    const verdict = above(first.seconds, { warn: params.warnSeconds, crit: params.critSeconds }, (s) => formatAge(s * 1000));
    const summary = `${rows.length} idle in a transaction; oldest pid ${first.pid} (${first.application}) for ${formatAge(first.seconds * 1000)}`;
    if (!verdict.severity) return { status: "ok", summary, data };
    return { status: verdict.severity, summary, data, findings: [raise(idleInTransaction, verdict.severity, summary, { ...oldest, idleFor: formatAge(first.seconds * 1000), rule: verdict.rule, sessions: rows.length })] };
  },
});
