import { z } from "zod";
import { breakerFindings, breakerSchema, breakerState, describeBreaker, type Breaker } from "@/lib/probe-kit/breakers";
import { defineFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/i;

interface BreakerColumns {
  table: string;
  nameColumn: string;
  stateColumn: string;
  failuresColumn: string;
  sinceColumn: string;
}

function columns(params: Partial<BreakerColumns>): string {
  return [params.nameColumn ?? "trigger_id", params.stateColumn ?? "state", params.failuresColumn ?? "failure_count", params.sinceColumn ?? "updated_at"].join(", ");
}

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
    table: z.string().regex(IDENTIFIER).default("circuit_breaker_state").describe("Table holding one row per breaker"),
    nameColumn: z.string().regex(IDENTIFIER).default("trigger_id").describe("Column naming the breaker"),
    stateColumn: z.string().regex(IDENTIFIER).default("state").describe("Column with closed, open or half-open"),
    failuresColumn: z.string().regex(IDENTIFIER).default("failure_count").describe("Column with the failure count"),
    sinceColumn: z.string().regex(IDENTIFIER).default("updated_at").describe("Column with the time of the last change"),
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
