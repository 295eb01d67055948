import { z } from "zod";
import { boundsShape, hasBounds, judgeBounds, NEEDS_BOUNDS, plain } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { writeIn } from "./sql-text";

export const queryThreshold = defineFinding({
  id: "postgres.query-threshold",
  title: "A watched number is out of bounds",
  severities: ["warn", "crit"],
  cause: "A number the team watches with its own query crossed its threshold — for example no events processed in the last minutes, which usually means the process that does the work stopped or lost its input.",
  steps: [
    "Read what the query counts and the value it returned.",
    "Check the process that moves this number (is it running, is it connected, does its log show errors?).",
    "Look at the other findings of this service: the cause is often raised there.",
  ],
  // The raising instance's own query; the error lookup has none to run.
  commands: (target, _evidence, params: { sql?: string }) => (params.sql ? [target.psql(params.sql)] : []),
  matches: ["No events processed in the last 5 minutes", "POLLING_FALLBACK_BATCH_ABORTED"],
});

export const postgresQuery = defineProbe({
  id: "postgres.query",
  title: "Watched query",
  reads: "a read-only query's number (run in a READ ONLY transaction; writes refused at start-up)",
  kind: "postgres",
  params: z
    .strictObject({
      title: z.string().describe('What the number means, e.g. "Events processed in the last 5 minutes"'),
      sql: z
        .string()
        .superRefine((sql, ctx) => {
          const write = writeIn(sql);
          if (write) ctx.addIssue({ code: "custom", message: `postgres.query runs read-only SQL only; this statement is refused because ${write}` });
        })
        .describe("A read-only query whose first column of the first row is a number"),
      ...boundsShape,
    })
    .refine(hasBounds, { error: NEEDS_BOUNDS }),
  data: z.object({ value: z.number() }),
  findings: [queryThreshold],
  command: (target, params) => target.psql(params.sql),
  async read(pool, params) {
    const client = await pool.connect();
    try {
      // READ ONLY holds even for a function that writes, whatever the text looked like.
      await client.query("BEGIN TRANSACTION READ ONLY");
      const { rows, fields } = await client.query(params.sql);
      const raw: unknown = rows[0]?.[fields[0]?.name ?? ""];
      const value = Number(raw);
      if (raw === null || raw === undefined || Number.isNaN(value)) {
        throw new ProbeReadError(`"${params.title}": the query returned ${raw === undefined ? "no row" : JSON.stringify(raw)}, not a number`);
      }
      return { value };
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    }
  },
  judge({ value }, params) {
    const verdict = judgeBounds(value, params, plain);
    const words = `${params.title}: ${verdict.rule}`;
    if (!verdict.severity) return { summary: words, findings: [] };
    return { summary: words, findings: [raise(queryThreshold, verdict.severity, words, { value, rule: verdict.rule, sql: params.sql, title: params.title })] };
  },
});
