import { z } from "zod";
import { above, amount, plain } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";

export const xidWraparound = defineFinding({
  id: "postgres.xid-wraparound",
  title: "Transaction IDs close to wraparound",
  severities: ["warn", "crit"],
  cause:
    "Vacuum has not frozen old rows for a very long time, so the oldest unfrozen transaction ID is approaching the 2-billion limit. Near it, PostgreSQL stops accepting writes to protect the data.",
  steps: [
    "Find the database and the tables with the oldest relfrozenxid.",
    "Look for what stops vacuum: long transactions, idle-in-transaction sessions, inactive replication slots, prepared transactions.",
    "Run VACUUM (FREEZE) on the oldest tables, biggest first, during the quietest hour you have.",
  ],
  commands: (target) => [
    target.psql("SELECT datname, age(datfrozenxid) FROM pg_database ORDER BY 2 DESC;"),
    target.psql("SELECT relname, age(relfrozenxid) FROM pg_class WHERE relkind = 'r' ORDER BY 2 DESC LIMIT 10;"),
  ],
  matches: ["database is not accepting commands to avoid wraparound data loss", "must be vacuumed within"],
});

export const postgresWraparound = defineProbe({
  id: "postgres.wraparound",
  title: "Transaction ID age",
  reads: "`age(datfrozenxid)` per database",
  kind: "postgres",
  params: z.strictObject({
    warn: amount(1_300_000_000, "age(datfrozenxid) that warns"),
    crit: amount(1_400_000_000, "age(datfrozenxid) that is critical"),
  }),
  // Oldest first; every cluster has at least template0 and template1.
  data: z.object({ databases: z.array(z.object({ name: z.string(), age: z.number() })).min(1) }),
  findings: [xidWraparound],
  command: (target) => target.psql("SELECT datname, age(datfrozenxid) FROM pg_database ORDER BY 2 DESC;"),
  async read(pool) {
    const { rows } = await pool.query<{ name: string; age: number }>("SELECT datname AS name, age(datfrozenxid)::int8::float8 AS age FROM pg_database ORDER BY 2 DESC");
    return { databases: rows };
  },
  judge({ databases }, params) {
    const oldest = databases[0]!;
    const verdict = above(oldest.age, params, plain);
    const summary = `oldest unfrozen transaction: ${plain(oldest.age)} in ${oldest.name} (limit about 2,000,000,000)`;
    return { summary, findings: verdict.severity ? [raise(xidWraparound, verdict.severity, summary, { database: oldest.name, age: oldest.age, rule: verdict.rule })] : [] };
  },
});
