import { z } from "zod";
import { below } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { sqlList } from "./sql-text";

/** The sessions of the applications an instance expects; every client session when it names none. */
function sessionsQuery(clients: readonly { application: string }[] = []): string {
  const which = clients.length ? ` AND application_name IN (${sqlList(clients.map((c) => c.application))})` : "";
  return `SELECT pid, application_name, state, backend_start, left(query, 60) AS last_query FROM pg_stat_activity WHERE backend_type = 'client backend'${which} ORDER BY 2, backend_start;`;
}

export const expectedClientMissing = defineFinding({
  id: "postgres.expected-client-missing",
  title: "Expected session missing",
  severities: ["crit"],
  cause:
    "A process that should hold a session open is not connected: a LISTEN connection that dropped and did not reconnect, or a worker that crashed. Whatever it listens for goes unheard; a polling fallback, if any, takes over slowly.",
  steps: [
    "Check that the process runs and read its log around the time the session went away (for AgentAuri: the event-processor's LISTENER lines).",
    "Restart it; it should LISTEN again within seconds.",
    "Then check that events that arrived meanwhile were processed (the polling fallback or a replay).",
  ],
  commands: (target, _evidence, params: { clients?: { application: string }[] }) => [target.psql(sessionsQuery(params.clients))],
  explains: ["postgres.query-threshold"],
  matches: ["NOTIFY listener", "listener disconnected", "Listening for PostgreSQL NOTIFY events"],
});

export const postgresExpectedClients = defineProbe({
  id: "postgres.expected-clients",
  title: "Expected sessions",
  reads: "sessions that must be connected, optionally LISTENing",
  kind: "postgres",
  params: z.strictObject({
    clients: z
      .array(
        z.strictObject({
          application: z.string(),
          min: z.number().int().min(1).default(1).describe("Sessions of this application that must be connected (or listening); fewer is critical"),
          listen: z.string().optional().describe("A channel this session must LISTEN on"),
        }),
      )
      .min(1)
      .describe("Sessions that must be connected, by application_name"),
  }),
  data: z.object({
    clients: z.array(z.object({ application: z.string(), connected: z.number(), listening: z.number().optional(), min: z.number(), channel: z.string().optional() })),
  }),
  findings: [expectedClientMissing],
  command: (target, params) => target.psql(sessionsQuery(params.clients)),
  async read(pool, params) {
    const { rows } = await pool.query<{ application: string; query: string }>(
      "SELECT application_name AS application, query FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name = ANY($1)",
      [params.clients.map((c) => c.application)],
    );
    const clients = params.clients.map((c) => {
      const sessions = rows.filter((r) => r.application === c.application);
      if (!c.listen) return { application: c.application, connected: sessions.length, min: c.min };
      // A LISTEN session's last statement is its LISTEN, for as long as it only listens.
      const listening = sessions.filter((s) => new RegExp(`^\\s*listen\\s+"?${c.listen}"?`, "i").test(s.query)).length;
      return { application: c.application, connected: sessions.length, min: c.min, listening, channel: c.listen };
    });
    return { clients };
  },
  judge({ clients }) {
    const findings = clients.flatMap((c) => {
      // Fewer than min is critical: at or below one less.
      const verdict = below(c.listening ?? c.connected, { crit: c.min - 1 });
      if (!verdict.severity) return [];
      const what = c.channel ? `no ${c.application} session LISTENs on ${c.channel}` : `${c.application}: ${c.connected} of ${c.min} sessions connected`;
      return [raise(expectedClientMissing, verdict.severity, what, { application: c.application, connected: c.connected, expected: c.min, channel: c.channel, rule: verdict.rule })];
    });
    const summary = clients.map((c) => `${c.application}: ${c.connected} connected${c.channel ? `, ${c.listening} listening on ${c.channel}` : ""}`).join("; ");
    return { summary: findings.length ? findings.map((f) => f.summary).join("; ") : summary, findings };
  },
});
