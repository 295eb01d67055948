import { z } from "zod";
import { breakerSeverity, breakerState, describeBreaker, type Breaker } from "@/lib/probe-kit/breakers";
import { defineFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { worstSeverity } from "@/lib/probe-kit/thresholds";
import { breakerFindings, breakerSchema } from "@/probes/http/breakers";

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/i;

export const tableBreakerOpen = defineFinding({
  id: "postgres.breaker-open",
  title: "Circuit breakers open",
  cause: "Actions for these triggers failed repeatedly (a webhook endpoint down, a bot token revoked, an MCP server unreachable), so their breakers opened and the workers skip them (“skipping trigger (fail-fast)”): no action runs for them.",
  steps: [
    "Find the failing action for each open trigger in the worker logs and fix it.",
    "Breakers move to half-open by themselves after their timeout and close on success.",
    "Reset one by hand only once its cause is fixed (UPDATE circuit_breaker_state … SET state = 'closed').",
  ],
  commands: (target, evidence) => [target.psql(`SELECT trigger_id, state, failure_count, last_failure_at FROM ${String(evidence.table ?? "circuit_breaker_state")} WHERE state = 'open';`)],
  fixes: ["postgres.reset-breaker"],
  matches: ["Circuit breaker OPEN", "skipping trigger (fail-fast)", "CIRCUIT_BREAKER"],
});

export const tableBreakerHalfOpen = defineFinding({
  id: "postgres.breaker-half-open",
  title: "Circuit breakers testing recovery",
  cause: "These triggers' breakers let a trial action through; success closes them, failure opens them again.",
  steps: ["Watch the next state; if they open again, the action still fails."],
  commands: (target, evidence) => [target.psql(`SELECT trigger_id, state, failure_count FROM ${String(evidence.table ?? "circuit_breaker_state")} WHERE state <> 'closed';`)],
  matches: ["HALF_OPEN", "transitioned to HALF_OPEN"],
});

export const postgresBreakers = defineProbe({
  id: "postgres.breakers",
  title: "Circuit breakers",
  kind: "postgres",
  params: z.strictObject({
    table: z.string().regex(IDENTIFIER).default("circuit_breaker_state"),
    name: z.string().regex(IDENTIFIER).default("trigger_id").describe("Column naming the breaker"),
    state: z.string().regex(IDENTIFIER).default("state"),
    failures: z.string().regex(IDENTIFIER).default("failure_count"),
    since: z.string().regex(IDENTIFIER).default("updated_at"),
    openedAt: z.string().regex(IDENTIFIER).optional().describe("Column with the time it opened, to count down to half-open"),
    openSeconds: z.number().positive().optional().describe("How long a breaker stays open before half-open"),
  }),
  data: z.object({ breakers: z.array(breakerSchema) }),
  findings: [tableBreakerOpen, tableBreakerHalfOpen],
  command: (target, params) => target.psql(`SELECT ${params.name}, ${params.state}, ${params.failures} FROM ${params.table} ORDER BY 1;`),
  async run(pool, params) {
    // Identifiers were checked against a strict pattern when the estate was read.
    const { rows } = await pool.query<{ name: string; state: string; failures: number | null; since: Date | null; opened: Date | null }>(
      `SELECT ${params.name}::text AS name, ${params.state}::text AS state, ${params.failures}::int AS failures, ${params.since} AS since, ${params.openedAt ?? "NULL::timestamptz"} AS opened FROM ${params.table} ORDER BY 1`,
    );
    const now = Date.now();
    const breakers: Breaker[] = rows.flatMap((row) => {
      const state = breakerState(row.state);
      if (!state) return [];
      const retry = state === "open" && row.opened && params.openSeconds ? Math.max(0, (row.opened.getTime() + params.openSeconds * 1000 - now) / 1000) : null;
      return [{ name: row.name, state, failures: row.failures, since: row.since ? row.since.toISOString() : null, retryInSeconds: retry }];
    });
    const findings = breakerFindings(breakers, tableBreakerOpen, tableBreakerHalfOpen, { table: params.table });
    const open = breakers.filter((b) => b.state !== "closed");
    const summary = open.length ? open.map((b) => describeBreaker(b, now)).join("; ") : `${breakers.length} breakers, all closed`;
    return { status: worstSeverity(breakers.map((b) => breakerSeverity(b.state))) ?? "ok", summary, data: { breakers }, findings };
  },
});
