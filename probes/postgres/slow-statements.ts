import { z } from "zod";
import { above, amount } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { showQuery } from "./sql-text";

export const slowStatements = defineFinding({
  id: "postgres.slow-statements",
  title: "Slow statements",
  severities: ["warn"],
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
  reads: "`pg_stat_statements`; says so when it is not installed",
  kind: "postgres",
  params: z.strictObject({
    meanMs: amount(20, "Mean execution time from which a statement counts as slow (warn)"),
    minCalls: z.number().int().min(1).default(100).describe("Calls a statement needs before its mean is trusted"),
  }),
  // `installed` stays for readers of the published data: a reading exists only when the extension is there.
  data: z.object({ installed: z.boolean(), statements: z.array(statementSchema) }),
  findings: [slowStatements],
  command: (target) => target.psql("SELECT query, calls, mean_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"),
  async read(pool, params) {
    const { rows: found } = await pool.query<{ db: string; installed: boolean }>(
      "SELECT current_database() AS db, EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS installed",
    );
    if (!found[0]!.installed) {
      // Not knowing is not "ok": say what is missing and how to get it.
      throw new ProbeReadError(
        `pg_stat_statements is not installed in ${found[0]!.db}: slow statements cannot be read (it needs shared_preload_libraries and CREATE EXTENSION pg_stat_statements)`,
      );
    }
    const { rows } = await pool.query<{ query: string; calls: string; mean: number; total: number }>(
      `SELECT query, calls::text AS calls, mean_exec_time AS mean, total_exec_time AS total FROM pg_stat_statements
       WHERE calls >= $1 AND mean_exec_time >= $2 ORDER BY mean_exec_time DESC LIMIT 5`,
      [params.minCalls, params.meanMs],
    );
    return { installed: true, statements: rows.map((r) => ({ query: showQuery(r.query), calls: Number(r.calls), meanMs: r.mean, totalMs: r.total })) };
  },
  judge({ statements }, params) {
    // The read carries statements from meanMs on, slowest first, each called often enough for its mean to be trusted.
    const slowest = statements[0];
    const verdict = slowest && above(slowest.meanMs, { warn: params.meanMs }, formatMs);
    if (!slowest || !verdict?.severity) return { summary: `no statement averages ${formatMs(params.meanMs)} or more over ${params.minCalls}+ calls`, findings: [] };
    const summary = `${statements.length} statement${statements.length === 1 ? "" : "s"} average over ${formatMs(params.meanMs)}; slowest ${formatMs(slowest.meanMs)} over ${slowest.calls.toLocaleString("en-US")} calls: ${slowest.query.slice(0, 80)}`;
    return {
      summary,
      findings: [raise(slowStatements, verdict.severity, summary, { slowest: slowest.query, meanMs: Math.round(slowest.meanMs * 10) / 10, calls: slowest.calls, rule: verdict.rule })],
    };
  },
});
