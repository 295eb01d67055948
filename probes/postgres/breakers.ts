import { z } from "zod";
import { breakerFindings, breakerSchema, breakerState, describeBreaker, type Breaker } from "@/lib/probe-kit/breakers";
import { defineFinding } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { escapeIdentifier } from "pg";
import { partOf, plural } from "./plural";

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/i;

/** Where the breakers are kept: the probe reads these, its fix writes them. */
const tableShape = {
  table: z.string().regex(IDENTIFIER).default("circuit_breaker_state").describe("Table holding one row per breaker"),
  nameColumn: z.string().regex(IDENTIFIER).default("trigger_id").describe("Column naming the breaker"),
  stateColumn: z.string().regex(IDENTIFIER).default("state").describe("Column with closed, open or half-open"),
  failuresColumn: z.string().regex(IDENTIFIER).default("failure_count").describe("Column with the failure count"),
  sinceColumn: z.string().regex(IDENTIFIER).default("updated_at").describe("Column with the time of the last change"),
};

type BreakerColumns = { [K in keyof typeof tableShape]: string };

function columns(params: Partial<BreakerColumns>): string {
  return [params.nameColumn ?? "trigger_id", params.stateColumn ?? "state", params.failuresColumn ?? "failure_count", params.sinceColumn ?? "updated_at"].join(", ");
}

/**
 * A name from the estate as SQL, quoted: folded to lower case first, as the
 * server folds the unquoted name the probe reads with, then each part quoted.
 */
function sqlName(name: string): string {
  return name
    .toLowerCase()
    .split(".")
    .map((part) => escapeIdentifier(part))
    .join(".");
}

/** "closed" in the spelling of the table's own words: OPEN → CLOSED, Open → Closed, open → closed. */
function closedLike(open: string): string {
  if (open === open.toUpperCase()) return "CLOSED";
  return open[0] === open[0]!.toUpperCase() ? "Closed" : "closed";
}

const resetParams = z.strictObject({
  ...tableShape,
  breakers: z.array(z.string()).min(1).describe("The open breakers to close (those the finding saw)"),
});

export const resetBreaker = defineFix({
  id: "postgres.reset-breaker",
  title: "Reset the open breakers",
  kind: "postgres",
  risk: "caution",
  ask: "Is the root cause of these failures fixed?",
  params: resetParams,
  paramsFrom: ({ evidence, probeParams }) => {
    const { table, nameColumn, stateColumn, failuresColumn, sinceColumn } = probeParams;
    const offered = resetParams.safeParse({ table, nameColumn, stateColumn, failuresColumn, sinceColumn, breakers: evidence.open });
    return offered.success ? offered.data : undefined;
  },
  async preview(pool, params) {
    const { rows } = await pool.query<{ name: string; state: string; failures: number | null }>(
      `SELECT ${sqlName(params.nameColumn)}::text AS name, ${sqlName(params.stateColumn)}::text AS state, ${sqlName(params.failuresColumn)}::int AS failures
       FROM ${sqlName(params.table)} WHERE ${sqlName(params.nameColumn)}::text = ANY($1) ORDER BY 1`,
      [params.breakers],
    );
    const open = rows.filter((row) => breakerState(row.state) === "open");
    return {
      summary: open.length
        ? `close ${plural(open.length, "open breaker")} (${open.map((b) => b.name).join(", ")}) and set ${open.length === 1 ? "its" : "their"} failure count to 0, so ${open.length === 1 ? "its" : "their"} actions run again`
        : `none of ${params.breakers.join(", ")} is open any more: nothing to reset`,
      targets: open.map((b) => ({ id: b.name, label: `${b.name} · ${b.state} · ${plural(b.failures ?? 0, "failure")}`, details: { breaker: b.name, state: b.state, failures: b.failures } })),
      // Which breakers are open, not their failure counts: those tick while the workers keep failing.
      state: open.map((b) => ({ name: b.name, state: b.state })),
    };
  },
  async execute(pool, params, targets) {
    let closed = 0;
    for (const target of targets) {
      const open = String(target.details.state);
      // Only a row still in the state the preview saw; the closed word is one of three constants, so it is a literal the column's type accepts.
      const { rowCount } = await pool.query(
        `UPDATE ${sqlName(params.table)} SET ${sqlName(params.stateColumn)} = '${closedLike(open)}', ${sqlName(params.failuresColumn)} = 0, ${sqlName(params.sinceColumn)} = now()
         WHERE ${sqlName(params.nameColumn)}::text = $1 AND ${sqlName(params.stateColumn)}::text = $2`,
        [target.id, open],
      );
      closed += rowCount ?? 0;
    }
    return { summary: `closed ${partOf(closed, targets.length, "breaker")} (${targets.map((t) => t.id).join(", ")}) with failure counts at 0; if the cause is still there they open again`, touched: closed };
  },
  verify: ["postgres.breakers"],
  // Long enough for the workers to show whether the actions fail again.
  cooldownMs: 60_000,
  maxTargets: 50,
});

export const tableBreakerOpen = defineFinding({
  id: "postgres.breaker-open",
  title: "Circuit breakers open",
  severities: ["crit"],
  cause: "Actions for these triggers failed repeatedly (a webhook endpoint down, a bot token revoked, an MCP server unreachable), so their breakers opened and the workers skip them (“skipping trigger (fail-fast)”): no action runs for them.",
  steps: [
    "Find the failing action for each open trigger in the worker logs and fix it.",
    "Breakers move to half-open by themselves after their timeout and close on success.",
    "Reset one by hand only once its cause is fixed (UPDATE circuit_breaker_state … SET state = 'closed').",
  ],
  commands: (target, _evidence, params: Partial<BreakerColumns>) => [target.psql(`SELECT ${columns(params)} FROM ${params.table ?? "circuit_breaker_state"} WHERE ${params.stateColumn ?? "state"} = 'open';`)],
  fixes: [resetBreaker],
  matches: ["Circuit breaker OPEN", "skipping trigger (fail-fast)", "CIRCUIT_BREAKER"],
});

export const tableBreakerHalfOpen = defineFinding({
  id: "postgres.breaker-half-open",
  title: "Circuit breakers testing recovery",
  severities: ["warn"],
  cause: "These triggers' breakers let a trial action through; success closes them, failure opens them again.",
  steps: ["Watch the next state; if they open again, the action still fails."],
  commands: (target, _evidence, params: Partial<BreakerColumns>) => [target.psql(`SELECT ${columns(params)} FROM ${params.table ?? "circuit_breaker_state"} WHERE ${params.stateColumn ?? "state"} <> 'closed';`)],
  matches: ["HALF_OPEN", "transitioned to HALF_OPEN"],
});

export const postgresBreakers = defineProbe({
  id: "postgres.breakers",
  title: "Circuit breakers",
  reads: "circuit breakers kept in a table",
  kind: "postgres",
  params: z.strictObject({
    ...tableShape,
    openedAtColumn: z.string().regex(IDENTIFIER).optional().describe("Column with the time it opened, to count down to half-open"),
    openSeconds: z.number().positive().optional().describe("How long a breaker stays open before half-open"),
  }),
  renamed: { state: "stateColumn", failures: "failuresColumn", since: "sinceColumn", openedAt: "openedAtColumn" },
  data: z.object({ breakers: z.array(breakerSchema) }),
  findings: [tableBreakerOpen, tableBreakerHalfOpen],
  command: (target, params) => target.psql(`SELECT ${params.nameColumn}, ${params.stateColumn}, ${params.failuresColumn} FROM ${params.table} ORDER BY 1;`),
  async read(pool, params) {
    // Identifiers were checked against a strict pattern when the estate was read.
    const { rows } = await pool.query<{ name: string; state: string; failures: number | null; since: Date | null; opened: Date | null }>(
      `SELECT ${params.nameColumn}::text AS name, ${params.stateColumn}::text AS state, ${params.failuresColumn}::int AS failures,
              ${params.sinceColumn} AS since, ${params.openedAtColumn ?? "NULL::timestamptz"} AS opened FROM ${params.table} ORDER BY 1`,
    );
    const now = Date.now();
    const breakers: Breaker[] = rows.flatMap((row) => {
      const state = breakerState(row.state);
      if (!state) return [];
      const retry = state === "open" && row.opened && params.openSeconds ? Math.max(0, (row.opened.getTime() + params.openSeconds * 1000 - now) / 1000) : null;
      return [{ name: row.name, state, failures: row.failures, since: row.since ? row.since.toISOString() : null, retryInSeconds: retry }];
    });
    return { breakers };
  },
  judge({ breakers }, params, { now }) {
    const findings = breakerFindings(breakers, tableBreakerOpen, tableBreakerHalfOpen, { table: params.table }, now);
    const open = breakers.filter((b) => b.state !== "closed");
    const summary = open.length ? open.map((b) => describeBreaker(b, now)).join("; ") : `${breakers.length} breakers, all closed`;
    return { summary, findings };
  },
  view: ({ breakers }) => ({ breakers }),
});
