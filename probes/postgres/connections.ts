import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge, formatPercent } from "@/lib/probe-kit/format";
import { sessionsInCondition, sessionState, sessionTarget, targetSessions, terminateSessions, type SessionCondition } from "./fix-sessions";
import { plural } from "./plural";
import { above, ratio } from "@/lib/probe-kit/bounds";

const IDLE: SessionCondition = { since: "a.state_change", where: "a.state = 'idle'" };

export const terminateIdleSessions = defineFix({
  id: "postgres.terminate-idle-sessions",
  title: "Terminate idle sessions",
  kind: "postgres",
  risk: "caution",
  ask: "The services holding these sessions will reconnect: is the pool size or the leak being fixed?",
  params: z.strictObject({
    idleSeconds: z.number().positive().describe("Sessions idle at least this long"),
    application: z.string().optional().describe("Only this application's sessions"),
  }),
  paramsFrom: ({ evidence, probeParams }) => ({
    idleSeconds: Number(evidence.idleMinutes ?? probeParams.idleMinutes ?? 10) * 60,
    ...(typeof evidence.application === "string" ? { application: evidence.application } : {}),
  }),
  async preview(pool, params) {
    const rows = await sessionsInCondition(pool, IDLE, params.idleSeconds, "($2::text IS NULL OR a.application_name = $2)", [params.application ?? null]);
    const whose = params.application ? ` of ${params.application}` : "";
    return {
      summary: `terminate ${plural(rows.length, "session")}${whose} idle for over ${formatAge(params.idleSeconds * 1000)}`,
      targets: rows.map((row) => sessionTarget(row, "idle")),
      state: sessionState(rows),
    };
  },
  async execute(pool, _params, targets) {
    const ended = await terminateSessions(pool, targetSessions(targets), IDLE);
    return { summary: `terminated ${ended} of ${targets.length} idle sessions`, touched: ended };
  },
  verify: ["postgres.connections"],
  cooldownMs: 30_000,
  maxTargets: 200,
});

export const poolExhaustion = defineFinding({
  id: "postgres.pool-exhaustion",
  title: "Connections close to exhaustion",
  severities: ["warn", "crit"],
  cause:
    "Connections are being held faster than they are given back: a pool sized above what the server allows, a leak (sessions opened and never closed), or idle sessions parked for minutes. When the last slot goes, new sessions fail with “remaining connection slots are reserved”.",
  steps: [
    "See who holds the connections: the breakdown by application and state names the pool to look at.",
    "Sessions idle for over 10 minutes are usually a leak or an oversized pool; recycle that service or lower its pool size.",
    "If every session is busy, the load is real: raise the pool only if the server's max_connections leaves room, or put a pooler in front.",
    "As a last resort, end long-idle sessions (pg_terminate_backend) — the services holding them will reconnect.",
  ],
  commands: (target, evidence) => [
    target.psql("SELECT application_name, state, count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1, 2 ORDER BY 3 DESC;"),
    target.psql("SHOW max_connections;"),
    target.psql(
      `SELECT pid, application_name, now() - state_change AS idle_for FROM pg_stat_activity WHERE state = 'idle' AND state_change < now() - interval '${Number(evidence.idleMinutes ?? 10)} minutes' ORDER BY state_change;`,
    ),
  ],
  fixes: [terminateIdleSessions],
  matches: ["remaining connection slots are reserved", "too many clients already", "Failed to acquire connection from pool", "connection pool exhausted", "sorry, too many clients"],
});

const applicationSchema = z.object({ application: z.string(), connections: z.number(), idle: z.number(), idleLong: z.number() });

export const postgresConnections = defineProbe({
  id: "postgres.connections",
  title: "Connections",
  reads: "client sessions against `max_connections` − reserved, by state and application, idle for long",
  kind: "postgres",
  params: z.strictObject({
    warn: ratio(0.8, "Share of usable connections in use that warns"),
    crit: ratio(0.95, "Share of usable connections in use that is critical"),
    idleMinutes: z.number().positive().default(10).describe("A session idle longer than this counts as parked."),
    pools: z
      .record(z.string(), z.number().int().positive())
      .default({})
      .describe("Pool sizes by application_name: each application is judged against its own pool too."),
  }),
  data: z.object({
    inUse: z.number(),
    usable: z.number(),
    maxConnections: z.number(),
    byState: z.record(z.string(), z.number()),
    byApplication: z.array(applicationSchema),
    idleLong: z.number(),
  }),
  findings: [poolExhaustion],
  command: (target) => target.psql("SELECT application_name, state, count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1, 2 ORDER BY 3 DESC;"),
  async read(pool, params) {
    const [settings, rows] = await Promise.all([
      pool.query<{ max: number; reserved: number }>(
        `SELECT current_setting('max_connections')::int AS max,
                current_setting('superuser_reserved_connections')::int + coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved`,
      ),
      pool.query<{ state: string; application: string; n: number; idle_long: number }>(
        `SELECT coalesce(state, 'starting') AS state, coalesce(nullif(application_name, ''), '(none)') AS application, count(*)::int AS n,
                count(*) FILTER (WHERE state = 'idle' AND state_change < now() - make_interval(secs => $1))::int AS idle_long
         FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1, 2`,
        [params.idleMinutes * 60],
      ),
    ]);
    const { max, reserved } = settings.rows[0]!;
    const byState: Record<string, number> = {};
    const apps = new Map<string, z.infer<typeof applicationSchema>>();
    for (const row of rows.rows) {
      byState[row.state] = (byState[row.state] ?? 0) + row.n;
      const app = apps.get(row.application) ?? { application: row.application, connections: 0, idle: 0, idleLong: 0 };
      app.connections += row.n;
      if (row.state === "idle") app.idle += row.n;
      app.idleLong += row.idle_long;
      apps.set(row.application, app);
    }
    const byApplication = [...apps.values()].sort((a, b) => b.connections - a.connections);
    const inUse = byApplication.reduce((sum, app) => sum + app.connections, 0);
    const idleLong = byApplication.reduce((sum, app) => sum + app.idleLong, 0);
    // Every application with a pool of its own is kept, however small, so its pool can be judged.
    const shown = byApplication.filter((app, index) => index < 10 || app.application in params.pools);
    return { inUse, usable: max - reserved, maxConnections: max, byState, byApplication: shown, idleLong };
  },
  judge({ inUse, usable, byApplication, idleLong }, params) {
    const server = above(inUse / usable, params, formatPercent);
    const top = byApplication[0];
    const serverSummary = `${inUse} of ${usable} usable connections in use (${formatPercent(inUse / usable)})${idleLong ? `, ${idleLong} idle for over ${params.idleMinutes} min` : ""}${top ? `, most from ${top.application} (${top.connections})` : ""}`;
    const findings = [];
    if (server.severity) findings.push(raise(poolExhaustion, server.severity, serverSummary, { inUse, usable, rule: server.rule, idleLong, idleMinutes: params.idleMinutes, topApplication: top?.application }));
    const poolWords: string[] = [];
    for (const [application, size] of Object.entries(params.pools)) {
      const app = byApplication.find((a) => a.application === application) ?? { connections: 0, idle: 0, idleLong: 0 };
      const verdict = above(app.connections / size, params, formatPercent);
      if (!verdict.severity) continue;
      poolWords.push(`; ${application} ${app.connections}/${size}`);
      findings.push(
        raise(poolExhaustion, verdict.severity, `${application} holds ${app.connections} of its ${size} pooled connections (${formatPercent(app.connections / size)}), ${app.idle} idle`, {
          application,
          used: app.connections,
          poolSize: size,
          rule: verdict.rule,
          idle: app.idle,
          idleLong: app.idleLong,
          idleMinutes: params.idleMinutes,
        }),
      );
    }
    return { summary: `${serverSummary}${poolWords.join("")}`, findings };
  },
  view: ({ inUse, usable, byState, byApplication }, params) => ({ connections: { inUse, usable, byState, byApplication, idleMinutes: params.idleMinutes } }),
});
