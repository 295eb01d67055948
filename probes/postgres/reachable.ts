import { z } from "zod";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";

export const postgresReachable = defineProbe({
  id: "postgres.reachable",
  title: "PostgreSQL answers",
  kind: "postgres",
  params: z.strictObject({
    role: z
      .enum(["any", "primary", "replica"])
      .default("any")
      .describe("The role this server must have; a primary that turned replica after a failover is crit."),
  }),
  data: z.object({
    version: z.string(),
    inRecovery: z.boolean(),
    database: z.string(),
    user: z.string(),
  }),
  findings: [],
  command: (target) => target.psql("SELECT 1, version(), pg_is_in_recovery();"),
  async run(pool, params) {
    const client = await pool.connect();
    try {
      const started = performance.now();
      await client.query("SELECT 1");
      const latencyMs = performance.now() - started;
      const { rows } = await client.query<{ version: string; in_recovery: boolean; database: string; user: string }>(
        "SELECT current_setting('server_version') AS version, pg_is_in_recovery() AS in_recovery, current_database() AS database, current_user AS user",
      );
      const info = rows[0]!;
      const role = info.in_recovery ? "replica" : "primary";
      const data = { version: info.version, inRecovery: info.in_recovery, database: info.database, user: info.user };
      const summary = `PostgreSQL ${info.version}, ${role}, SELECT 1 in ${formatMs(latencyMs)}`;
      if (params.role !== "any" && params.role !== role) {
        return { status: "crit", summary: `${role}, expected ${params.role} — ${summary}`, data, latencyMs };
      }
      return { status: "ok", summary, data, latencyMs };
    } finally {
      client.release();
    }
  },
});
