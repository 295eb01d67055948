import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { above, amount } from "@/lib/probe-kit/thresholds";

export const xidWraparound = defineFinding({
  id: "postgres.xid-wraparound",
  title: "Transaction IDs close to wraparound",
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
  kind: "postgres",
  params: z.strictObject({
    warn: amount(1_300_000_000, "age(datfrozenxid) that warns"),
    crit: amount(1_400_000_000, "age(datfrozenxid) that is critical"),
  }),
  data: z.object({ databases: z.array(z.object({ name: z.string(), age: z.number() })) }),
  findings: [xidWraparound],
  command: (target) => target.psql("SELECT datname, age(datfrozenxid) FROM pg_database ORDER BY 2 DESC;"),
  async run(pool, params) {
    const { rows } = await pool.query<{ name: string; age: number }>("SELECT datname AS name, age(datfrozenxid)::int8::float8 AS age FROM pg_database ORDER BY 2 DESC");
    const oldest = rows[0]!;
    const show = (n: number) => n.toLocaleString("en-US");
    const verdict = above(oldest.age, params, show);
    const summary = `oldest unfrozen transaction: ${show(oldest.age)} in ${oldest.name} (limit about 2,000,000,000)`;
    const data = { databases: rows };
    if (!verdict.severity) return { status: "ok", summary, data };
    return { status: verdict.severity, summary, data, findings: [raise(xidWraparound, verdict.severity, summary, { database: oldest.name, age: oldest.age, rule: verdict.rule })] };
  },
});
