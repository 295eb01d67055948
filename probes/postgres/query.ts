import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { writeIn } from "./sql-text";

export const queryThreshold = defineFinding({
  id: "postgres.query-threshold",
  title: "A watched number is out of bounds",
  cause: "A number the team watches with its own query crossed its threshold — for example no events processed in the last minutes, which usually means the process that does the work stopped or lost its input.",
  steps: [
    "Read what the query counts and the value it returned.",
    "Check the process that moves this number (is it running, is it connected, does its log show errors?).",
    "Look at the other findings of this service: the cause is often raised there.",
  ],
  commands: (target, evidence) => [target.psql(String(evidence.sql ?? ""))],
  matches: ["No events processed in the last 5 minutes", "POLLING_FALLBACK_BATCH_ABORTED"],
});

export const postgresQuery = defineProbe({
  id: "postgres.query",
  title: "Watched query",
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
      warnAbove: z.number().optional(),
      critAbove: z.number().optional(),
      warnBelow: z.number().optional(),
      critBelow: z.number().optional(),
    })
    .refine((p) => [p.warnAbove, p.critAbove, p.warnBelow, p.critBelow].some((t) => t !== undefined), { error: "give at least one of warnAbove, critAbove, warnBelow, critBelow" }),
  data: z.object({ value: z.number() }),
  findings: [queryThreshold],
  command: (target, params) => target.psql(params.sql),
  async run(pool, params) {
    const client = await pool.connect();
    let value: number;
    try {
      // READ ONLY holds even for a function that writes, whatever the text looked like.
      await client.query("BEGIN TRANSACTION READ ONLY");
      const { rows, fields } = await client.query(params.sql);
      const raw = rows[0]?.[fields[0]?.name ?? ""];
      value = Number(raw);
      if (raw === null || raw === undefined || Number.isNaN(value)) {
        return { status: "error", summary: `"${params.title}": the query returned ${raw === undefined ? "no row" : JSON.stringify(raw)}, not a number`, data: { value: NaN } };
      }
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    }
    const rules: [number | undefined, "crit" | "warn", (v: number, t: number) => boolean, string][] = [
      [params.critAbove, "crit", (v, t) => v > t, ">"],
      [params.critBelow, "crit", (v, t) => v < t, "<"],
      [params.warnAbove, "warn", (v, t) => v > t, ">"],
      [params.warnBelow, "warn", (v, t) => v < t, "<"],
    ];
    const broken = rules.find(([threshold, , test]) => threshold !== undefined && test(value, threshold));
    const summary = `${params.title}: ${value.toLocaleString("en-US")}`;
    if (!broken) return { status: "ok", summary, data: { value } };
    const [threshold, severity, , sign] = broken;
    const rule = `${value.toLocaleString("en-US")} ${sign} ${threshold!.toLocaleString("en-US")} (${severity})`;
    return { status: severity, summary: `${params.title}: ${rule}`, data: { value }, findings: [raise(queryThreshold, severity, `${params.title}: ${rule}`, { value, rule, sql: params.sql, title: params.title })] };
  },
});
