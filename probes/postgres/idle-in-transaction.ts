import { z } from "zod";
import { above, amount } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { sessionsInCondition, sessionState, sessionTarget, targetSessions, terminateSessions, type SessionCondition } from "./fix-sessions";
import { partOf, plural } from "./plural";
import { showSeconds } from "./show-seconds";
import { showQuery } from "./sql-text";

const IDLE_IN_TRANSACTION: SessionCondition = { since: "a.state_change", where: "a.state IN ('idle in transaction', 'idle in transaction (aborted)')" };

export const terminateIdleInTransaction = defineFix({
  id: "postgres.terminate-idle-in-transaction",
  title: "Terminate sessions idle in a transaction",
  kind: "postgres",
  risk: "caution",
  params: z.strictObject({
    idleSeconds: z.number().positive().describe("Sessions idle in a transaction at least this long"),
  }),
  paramsFrom: ({ evidence, probeParams }) => (typeof evidence.pid === "number" && typeof probeParams.warnSeconds === "number" ? { idleSeconds: probeParams.warnSeconds } : undefined),
  async preview(pool, params) {
    const rows = await sessionsInCondition(pool, IDLE_IN_TRANSACTION, params.idleSeconds);
    const over = showSeconds(params.idleSeconds);
    return {
      summary: rows.length
        ? `terminate ${plural(rows.length, "session")} idle in a transaction for over ${over}; ${rows.length === 1 ? "its transaction rolls" : "their transactions roll"} back`
        : `no session has been idle in a transaction for over ${over}: nothing to terminate`,
      targets: rows.map((row) => sessionTarget(row, "idle in transaction")),
      // The idle spell's start is in it: a session that ran a statement since is not the one the engineer saw.
      state: sessionState(rows),
    };
  },
  async execute(pool, _params, targets) {
    const ended = await terminateSessions(pool, targetSessions(targets), IDLE_IN_TRANSACTION);
    return { summary: `terminated ${partOf(ended, targets.length, "session")} idle in a transaction; ${ended === 1 ? "its transaction was" : "their transactions were"} rolled back`, touched: ended };
  },
  verify: ["postgres.idle-in-transaction"],
  cooldownMs: 30_000,
  maxTargets: 50,
});

export const idleInTransaction = defineFinding({
  id: "postgres.idle-in-transaction",
  title: "Session idle in a transaction",
  severities: ["warn", "crit"],
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
  fixes: [terminateIdleInTransaction],
  explains: ["postgres.lock-wait"],
  matches: ["idle in transaction", "terminating connection due to idle-in-transaction timeout"],
});

export const postgresIdleInTransaction = defineProbe({
  id: "postgres.idle-in-transaction",
  title: "Idle in transaction",
  reads: "sessions idle inside a transaction, the oldest",
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
  async read(pool) {
    // This database's sessions only: those its fix may touch.
    const { rows } = await pool.query<{ pid: number; application: string; user: string; seconds: number; query: string }>(
      `SELECT pid, coalesce(nullif(application_name, ''), '(none)') AS application, usename AS user,
              extract(epoch FROM now() - state_change)::float AS seconds, query
       FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND backend_type = 'client backend' AND datname = current_database()
       ORDER BY state_change`,
    );
    const first = rows[0];
    if (!first) return { count: 0, oldestSeconds: 0 };
    return { count: rows.length, oldestSeconds: first.seconds, oldest: { pid: first.pid, application: first.application, user: first.user, lastQuery: showQuery(first.query) } };
  },
  judge({ count, oldestSeconds, oldest }, params) {
    if (!oldest) return { summary: "no session idle in a transaction", findings: [] };
    const verdict = above(oldestSeconds, { warn: params.warnSeconds, crit: params.critSeconds }, showSeconds);
    const summary = `${count} idle in a transaction; oldest pid ${oldest.pid} (${oldest.application}) for ${showSeconds(oldestSeconds)}`;
    if (!verdict.severity) return { summary, findings: [] };
    return { summary, findings: [raise(idleInTransaction, verdict.severity, summary, { ...oldest, idleFor: showSeconds(oldestSeconds), rule: verdict.rule, sessions: count })] };
  },
});
