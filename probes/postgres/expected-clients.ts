import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";

export const expectedClientMissing = defineFinding({
  id: "postgres.expected-client-missing",
  title: "Expected session missing",
  cause:
    "A process that should hold a session open is not connected: a LISTEN connection that dropped and did not reconnect, or a worker that crashed. Whatever it listens for goes unheard; a polling fallback, if any, takes over slowly.",
  steps: [
    "Check that the process runs and read its log around the time the session went away (for AgentAuri: the event-processor's LISTENER lines).",
    "Restart it; it should LISTEN again within seconds.",
    "Then check that events that arrived meanwhile were processed (the polling fallback or a replay).",
  ],
  commands: (target, evidence) => [target.psql(`SELECT pid, application_name, state, backend_start, left(query, 60) FROM pg_stat_activity WHERE application_name = '${String(evidence.application ?? "")}';`)],
  explains: ["postgres.query-threshold"],
  matches: ["NOTIFY listener", "listener disconnected", "Listening for PostgreSQL NOTIFY events"],
});

export const postgresExpectedClients = defineProbe({
  id: "postgres.expected-clients",
  title: "Expected sessions",
  kind: "postgres",
  params: z.strictObject({
    clients: z
      .array(z.strictObject({ application: z.string(), min: z.number().int().min(1).default(1), listen: z.string().optional().describe("A channel this session must LISTEN on") }))
      .min(1)
      .describe("Sessions that must be connected, by application_name"),
  }),
  data: z.object({ clients: z.array(z.object({ application: z.string(), connected: z.number(), listening: z.number().optional(), min: z.number() })) }),
  findings: [expectedClientMissing],
  command: (target, params) => target.psql(`SELECT application_name, state, left(query, 60) FROM pg_stat_activity WHERE application_name IN (${params.clients.map((c) => `'${c.application}'`).join(", ")});`),
  async run(pool, params) {
    const { rows } = await pool.query<{ application: string; query: string }>(
      "SELECT application_name AS application, query FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name = ANY($1)",
      [params.clients.map((c) => c.application)],
    );
    const clients = params.clients.map((c) => {
      const sessions = rows.filter((r) => r.application === c.application);
      // A LISTEN session's last statement is its LISTEN, for as long as it only listens.
      const listening = c.listen ? sessions.filter((s) => new RegExp(`^\\s*listen\\s+"?${c.listen}"?`, "i").test(s.query)).length : undefined;
      return { application: c.application, connected: sessions.length, min: c.min, ...(listening !== undefined ? { listening } : {}), channel: c.listen };
    });
    const findings = clients.flatMap((c) => {
      const have = c.listening ?? c.connected;
      if (have >= c.min) return [];
      const what = c.channel ? `no ${c.application} session LISTENs on ${c.channel}` : `${c.application}: ${c.connected} of ${c.min} sessions connected`;
      return [raise(expectedClientMissing, "crit", what, { application: c.application, connected: c.connected, expected: c.min, channel: c.channel })];
    });
    const summary = clients.map((c) => `${c.application}: ${c.connected} connected${c.channel ? `, ${c.listening} listening on ${c.channel}` : ""}`).join("; ");
    return { status: findings.length ? "crit" : "ok", summary: findings.length ? findings.map((f) => f.summary).join("; ") : summary, data: { clients: clients.map(({ channel: _, ...c }) => c) }, findings };
  },
});
