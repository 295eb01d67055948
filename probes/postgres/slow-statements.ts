import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { amount } from "@/lib/probe-kit/thresholds";
import { showQuery } from "./sql-text";

export const slowStatements = defineFinding({
  id: "postgres.slow-statements",
  title: "Slow statements",
  cause: "Statements the services run often take long on average: a missing index, a plan that changed with the data, or rows locked by others.",
  steps: [
    "Take the slowest statement and EXPLAIN it with realistic parameters.",
    "Look for sequential scans on big tables and add the index the WHERE clause needs.",
    "If it waits rather than works, look at lock waits at the same time.",
  ],
  commands: (target) => [target.psql("SELECT query, calls, mean_exec_time, total_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;")],
});

const statementSchema = z.object({ query: z.string(), calls: z.number(), meanMs: z.number(), totalMs: z.number() });

export const postgresSlowStatements = defineProbe({
  id: "postgres.slow-statements",
  title: "Slow statements",
  kind: "postgres",
  params: z.strictObject({
    meanMs: amount(20, "Mean execution time from which a statement counts as slow"),
    minCalls: z.number().int().min(1).default(100).describe("Calls a statement needs before its mean is trusted"),
  }),
  data: z.object({ installed: z.boolean(), statements: z.array(statementSchema) }),
  findings: [slowStatements],
  command: (target) => target.psql("SELECT query, calls, mean_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"),
  async run(pool, params) {
    const { rows: installed } = await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'");
    if (installed.length === 0) {
      const { rows } = await pool.query<{ db: string }>("SELECT current_database() AS db");
      // Not knowing is not "ok": say what is missing and how to get it.
      return {
        status: "error",
        summary: `pg_stat_statements is not installed in ${rows[0]!.db}: slow statements cannot be read (it needs shared_preload_libraries and CREATE EXTENSION pg_stat_statements)`,
        data: { installed: false, statements: [] },
      };
    }
    const { rows } = await pool.query<{ query: string; calls: string; mean: number; total: number }>(
      `SELECT query, calls::text AS calls, mean_exec_time AS mean, total_exec_time AS total FROM pg_stat_statements
       WHERE calls >= $1 AND mean_exec_time >= $2 ORDER BY mean_exec_time DESC LIMIT 5`,
      [params.minCalls, params.meanMs],
    );
    const statements = rows.map((r) => ({ query: showQuery(r.query), calls: Number(r.calls), meanMs: r.mean, totalMs: r.total }));
    const slowest = statements[0];
    if (!slowest) return { status: "ok", summary: `no statement averages ${formatMs(params.meanMs)} or more over ${params.minCalls}+ calls`, data: { installed: true, statements } };
    const summary = `${statements.length} statement${statements.length === 1 ? "" : "s"} average over ${formatMs(params.meanMs)}; slowest ${formatMs(slowest.meanMs)} over ${slowest.calls.toLocaleString("en-US")} calls: ${slowest.query.slice(0, 80)}`;
    return { status: "warn", summary, data: { installed: true, statements }, findings: [raise(slowStatements, "warn", summary, { slowest: slowest.query, meanMs: Math.round(slowest.meanMs * 10) / 10, calls: slowest.calls })] };
  },
});
