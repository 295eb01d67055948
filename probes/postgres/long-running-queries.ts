import { z } from "zod";
import { above, amount } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { cancelQueries, sessionsInCondition, sessionState, sessionTarget, targetSessions, type SessionCondition } from "./fix-sessions";
import { partOf, plural } from "./plural";
import { showSeconds } from "./show-seconds";
import { showQuery } from "./sql-text";

const RUNNING: SessionCondition = { since: "a.query_start", where: "a.state = 'active'" };

export const cancelQuery = defineFix({
  id: "postgres.cancel-query",
  title: "Cancel the long-running query",
  kind: "postgres",
  risk: "caution",
  params: z.strictObject({
    runningSeconds: z.number().positive().describe("Queries running at least this long"),
    pids: z.array(z.number().int().positive()).min(1).describe("The sessions whose query to cancel (those the finding saw)"),
    cancelWaitSeconds: z.number().positive().max(30).default(5).describe("How long a cancelled query may take to stop before its session is terminated"),
  }),
  paramsFrom: ({ evidence, probeParams }) => {
    const pids = Array.isArray(evidence.pids) ? evidence.pids.filter((pid): pid is number => typeof pid === "number") : [];
    if (pids.length === 0 || typeof probeParams.warnSeconds !== "number") return undefined;
    return { runningSeconds: probeParams.warnSeconds, pids };
  },
  async preview(pool, params) {
    const rows = await sessionsInCondition(pool, RUNNING, params.runningSeconds, "a.pid = ANY($2::int[])", [params.pids]);
    const over = showSeconds(params.runningSeconds);
    return {
      summary: rows.length
        ? `cancel ${plural(rows.length, "query", "queries")} running for over ${over}; terminate the session of any still running ${showSeconds(params.cancelWaitSeconds)} after the cancel`
        : `none of pids ${params.pids.join(", ")} runs a query for over ${over} any more: nothing to cancel`,
      targets: rows.map((row) => sessionTarget(row, "running")),
      // The query's start is in it: a new query in the same session is not the one the engineer saw.
      state: sessionState(rows),
    };
  },
  async execute(pool, params, targets, context) {
    const { cancelled, terminated } = await cancelQueries(pool, targetSessions(targets), RUNNING, params.cancelWaitSeconds * 1000, context);
    const stubborn = terminated ? `; ${plural(terminated, "query", "queries")} ignored the cancel for ${showSeconds(params.cancelWaitSeconds)}, so ${terminated === 1 ? "its session was" : "their sessions were"} terminated` : "";
    return { summary: `cancelled ${partOf(cancelled, targets.length, "query", "queries")}${stubborn}`, touched: cancelled };
  },
  verify: ["postgres.long-running-queries"],
  cooldownMs: 30_000,
  maxTargets: 20,
});

export const longRunningQuery = defineFinding({
  id: "postgres.long-running-query",
  title: "Query running for too long",
  severities: ["warn", "crit"],
  cause:
    "A statement has been running far longer than the service's queries usually take: a missing index or a plan gone bad, a report run against the live database, a lock it waits for, or a client that never cancels. It holds a connection and its snapshot all along.",
  steps: [
    "Look at the statement, who runs it and for how long.",
    "EXPLAIN it (without ANALYZE) to see whether the plan scans what it should not.",
    "If it is not meant to run this long, cancel it with pg_cancel_backend(pid); terminate only if cancel is ignored.",
    "Give that role a statement_timeout so a runaway query cannot hold on for minutes.",
  ],
  commands: (target, _evidence, params: { warnSeconds?: number }) => {
    // The raising instance's own threshold; the error lookup has none and lists every active query.
    const since = params.warnSeconds === undefined ? "" : ` AND now() - query_start >= interval '${Number(params.warnSeconds)} seconds'`;
    return [target.psql(`SELECT pid, now() - query_start AS duration, application_name, left(query, 200) AS query FROM pg_stat_activity WHERE state = 'active'${since} ORDER BY duration DESC;`)];
  },
  fixes: [cancelQuery],
  matches: ["canceling statement due to statement timeout", "context deadline exceeded", "Connection timeout after 30s"],
});

const querySchema = z.object({ pid: z.number(), user: z.string(), application: z.string(), seconds: z.number(), query: z.string() });

export const postgresLongRunningQueries = defineProbe({
  id: "postgres.long-running-queries",
  title: "Long-running queries",
  reads: "active queries (Lantern's, autovacuum and WAL senders excluded), text cut to 300 characters, literals masked",
  kind: "postgres",
  params: z.strictObject({
    warnSeconds: amount(60, "A query active this long warns"),
    critSeconds: amount(300, "A query active this long is critical"),
  }),
  data: z.object({ count: z.number(), queries: z.array(querySchema) }),
  findings: [longRunningQuery],
  command: (target) => target.psql("SELECT pid, now() - query_start AS duration, application_name, left(query, 200) FROM pg_stat_activity WHERE state = 'active' ORDER BY query_start;"),
  async read(pool, params) {
    // Client sessions of this database only (what its fix may touch): autovacuum and WAL senders are other backend types; Lantern's own sessions are left out.
    // Only queries from warnSeconds on are worth carrying; the longest comes first.
    const { rows } = await pool.query<{ pid: number; user: string; application: string; seconds: number; query: string }>(
      `SELECT pid, coalesce(usename, '') AS user, coalesce(nullif(application_name, ''), '(none)') AS application,
              extract(epoch FROM now() - query_start)::float AS seconds, query
       FROM pg_stat_activity
       WHERE state = 'active' AND backend_type = 'client backend' AND datname = current_database() AND pid <> pg_backend_pid()
         AND application_name <> 'lantern' AND query_start <= now() - make_interval(secs => $1)
       ORDER BY query_start LIMIT 10`,
      [params.warnSeconds],
    );
    const queries = rows.map((row) => ({ ...row, query: showQuery(row.query) }));
    return { count: queries.length, queries };
  },
  judge({ count, queries }, params) {
    const longest = queries[0];
    const verdict = longest && above(longest.seconds, { warn: params.warnSeconds, crit: params.critSeconds }, showSeconds);
    if (!longest || !verdict?.severity) return { summary: `no query active for over ${showSeconds(params.warnSeconds)}`, findings: [] };
    const summary = `${count} running for over ${showSeconds(params.warnSeconds)}; longest pid ${longest.pid} (${longest.application}) for ${showSeconds(longest.seconds)}: ${longest.query.slice(0, 80)}`;
    return { summary, findings: [raise(longRunningQuery, verdict.severity, summary, { ...longest, duration: showSeconds(longest.seconds), rule: verdict.rule, pids: queries.map((q) => q.pid) })] };
  },
});
