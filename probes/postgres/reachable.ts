import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";

export const roleMismatch = defineFinding({
  id: "postgres.role-mismatch",
  title: "Server has the wrong role",
  severities: ["crit"],
  cause:
    "The server behind this address is not the role the services expect: after a failover the old primary came back as a replica (every write fails with “cannot execute … in a read-only transaction”), or a replica was promoted and now takes writes the real primary never sees.",
  steps: [
    "Find out which server is the primary now: ask pg_is_in_recovery() on each one.",
    "Point the address the services use (DNS name, virtual IP, pooler) at the current primary, or at a replica for read-only traffic.",
    "If two servers both say they are primary, stop writes to the one that should not be, before the two histories drift further apart.",
    "Then check that replicas stream from the new primary.",
  ],
  commands: (target) => [
    target.psql("SELECT pg_is_in_recovery(), inet_server_addr(), current_setting('server_version');"),
    target.psql("SELECT status, sender_host, sender_port FROM pg_stat_wal_receiver;"),
    target.psql("SELECT application_name, client_addr, state FROM pg_stat_replication;"),
  ],
  matches: ["cannot execute INSERT in a read-only transaction", "cannot execute UPDATE in a read-only transaction", "cannot execute DELETE in a read-only transaction", "read_only_sql_transaction"],
});

export const postgresReachable = defineProbe({
  id: "postgres.reachable",
  title: "PostgreSQL answers",
  reads: "`SELECT 1` latency, version, `pg_is_in_recovery()`",
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
    /** How long SELECT 1 took on an open session: the server's own answer time. */
    latencyMs: z.number(),
  }),
  findings: [roleMismatch],
  command: (target) => target.psql("SELECT 1, version(), pg_is_in_recovery();"),
  async read(pool) {
    const client = await pool.connect();
    try {
      const started = performance.now();
      await client.query("SELECT 1");
      const latencyMs = performance.now() - started;
      const { rows } = await client.query<{ version: string; in_recovery: boolean; database: string; user: string }>(
        "SELECT current_setting('server_version') AS version, pg_is_in_recovery() AS in_recovery, current_database() AS database, current_user AS user",
      );
      const info = rows[0]!;
      return { version: info.version, inRecovery: info.in_recovery, database: info.database, user: info.user, latencyMs };
    } finally {
      client.release();
    }
  },
  judge({ version, inRecovery, latencyMs }, params) {
    const role = inRecovery ? "replica" : "primary";
    const summary = `PostgreSQL ${version}, ${role}, SELECT 1 in ${formatMs(latencyMs)}`;
    if (params.role === "any" || params.role === role) return { summary, findings: [] };
    const words = `${role}, expected ${params.role} — ${summary}`;
    return { summary: words, findings: [raise(roleMismatch, "crit", words, { role, expected: params.role, version })] };
  },
  latency: (data) => data.latencyMs,
});
