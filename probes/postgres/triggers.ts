import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { partOf } from "./plural";
import { sqlList } from "./sql-text";

/** The triggers an instance watches, by table and name. */
const wantedSchema = z.array(z.strictObject({ table: z.string(), name: z.string() }));
type WantedTrigger = z.infer<typeof wantedSchema>[number];

/** The triggers an instance watches, with their table and state; every user trigger when it names none. */
function triggersQuery(triggers: readonly WantedTrigger[] = []): string {
  const which = triggers.length ? ` AND tgname IN (${sqlList(triggers.map((t) => t.name))})` : "";
  return `SELECT tgrelid::regclass AS table_name, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal${which} ORDER BY 1, 2;`;
}

export const enableTrigger = defineFix({
  id: "postgres.enable-trigger",
  title: "Enable the trigger",
  kind: "postgres",
  risk: "caution",
  params: z.strictObject({
    triggers: wantedSchema.min(1).describe("The triggers to enable where disabled (those the probe watches)"),
  }),
  paramsFrom: ({ evidence, probeParams }) => {
    const watched = wantedSchema.safeParse(probeParams.triggers);
    return typeof evidence.trigger === "string" && watched.success && watched.data.length ? { triggers: watched.data } : undefined;
  },
  async preview(pool, params) {
    // The table is resolved as the server resolves a name (search_path, schema-qualified when given), and each trigger by its oid from then on.
    const { rows } = await pool.query<{ oid: string; table: string; name: string; function: string }>(
      `SELECT t.oid::text AS oid, t.tgrelid::regclass::text AS table, t.tgname AS name, t.tgfoid::regproc::text AS function
       FROM pg_trigger t JOIN unnest($1::text[], $2::text[]) AS w(table_name, name) ON t.tgrelid = to_regclass(w.table_name) AND t.tgname = w.name
       WHERE NOT t.tgisinternal AND t.tgenabled = 'D'
       ORDER BY 2, 3`,
      [params.triggers.map((t) => t.table), params.triggers.map((t) => t.name)],
    );
    return {
      summary: rows.length
        ? `enable ${rows.map((r) => `trigger ${r.name} on ${r.table}`).join(", ")}; rows written while ${rows.length === 1 ? "it was" : "they were"} disabled do not fire ${rows.length === 1 ? "it" : "them"} afterwards`
        : `none of ${params.triggers.map((t) => t.name).join(", ")} is disabled: nothing to enable`,
      targets: rows.map((r) => ({ id: r.oid, label: `${r.name} on ${r.table} · disabled`, details: { trigger: r.name, table: r.table, function: r.function, state: "disabled" } })),
      // The triggers by oid (one dropped and created again is another), all disabled.
      state: rows.map((r) => r.oid),
    };
  },
  async execute(pool, _params, targets) {
    let enabled = 0;
    for (const target of targets) {
      // The statement is built from the catalog, names quoted by the server: only a trigger still disabled is enabled.
      const { rows } = await pool.query<{ statement: string }>(
        "SELECT format('ALTER TABLE %s ENABLE TRIGGER %I', tgrelid::regclass, tgname) AS statement FROM pg_trigger WHERE oid = $1::oid AND tgenabled = 'D'",
        [target.id],
      );
      if (!rows[0]) continue;
      await pool.query(rows[0].statement);
      enabled += 1;
    }
    const names = targets.map((t) => `${t.details.trigger} on ${t.details.table}`).join(", ");
    return { summary: `enabled ${partOf(enabled, targets.length, "trigger")} (${names}); replay what was written while disabled if listeners missed it`, touched: enabled };
  },
  verify: ["postgres.triggers"],
  cooldownMs: 30_000,
  maxTargets: 20,
});

export const triggerDisabled = defineFinding({
  id: "postgres.trigger-disabled",
  title: "Trigger disabled",
  severities: ["crit"],
  cause: "A trigger the system relies on is switched off (ALTER TABLE … DISABLE TRIGGER, often left behind by a bulk load or a migration). Rows still arrive, but whatever the trigger did — a NOTIFY, an audit row — no longer happens.",
  steps: ["Confirm nobody disabled it on purpose for a running bulk load.", "Enable it again; then check that listeners pick up new rows and replay what was missed meanwhile."],
  commands: (target, _evidence, params: { triggers?: WantedTrigger[] }) => [target.psql(triggersQuery(params.triggers))],
  fixes: [enableTrigger],
  explains: ["postgres.query-threshold"],
});

export const triggerMissing = defineFinding({
  id: "postgres.trigger-missing",
  title: "Trigger missing",
  severities: ["crit"],
  cause: "A trigger the system relies on does not exist on its table: the migration that creates it did not run here, or the table was recreated without it.",
  steps: ["Re-run the migration that creates it (for AgentAuri: sqlx migrate run).", "Check that its function exists too (\\df)."],
  commands: (target, _evidence, params: { triggers?: WantedTrigger[] }) => [target.psql(triggersQuery(params.triggers))],
  explains: ["postgres.query-threshold"],
});

const ENABLED: Record<string, string> = { O: "enabled", D: "disabled", R: "enabled for replicas only", A: "always enabled" };

export const postgresTriggers = defineProbe({
  id: "postgres.triggers",
  title: "Triggers",
  reads: "triggers that must exist and be enabled",
  kind: "postgres",
  params: z.strictObject({
    triggers: wantedSchema.min(1).describe("Triggers that must exist and be enabled"),
  }),
  data: z.object({ triggers: z.array(z.object({ table: z.string(), name: z.string(), state: z.string() })) }),
  findings: [triggerDisabled, triggerMissing],
  command: (target, params) => target.psql(triggersQuery(params.triggers)),
  async read(pool, params) {
    const { rows } = await pool.query<{ table: string; name: string; enabled: string }>(
      `SELECT c.relname AS table, t.tgname AS name, t.tgenabled AS enabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND t.tgname = ANY($1)`,
      [params.triggers.map((t) => t.name)],
    );
    const triggers = params.triggers.map((wanted) => {
      const found = rows.find((r) => r.name === wanted.name && r.table === wanted.table.split(".").at(-1));
      return { ...wanted, state: found ? (ENABLED[found.enabled] ?? found.enabled) : "missing" };
    });
    return { triggers };
  },
  judge({ triggers }) {
    const findings = triggers.flatMap((t) => {
      if (t.state === "missing") return [raise(triggerMissing, "crit", `trigger ${t.name} does not exist on ${t.table}`, { trigger: t.name, table: t.table })];
      if (t.state === "disabled") return [raise(triggerDisabled, "crit", `trigger ${t.name} on ${t.table} is disabled`, { trigger: t.name, table: t.table })];
      return [];
    });
    return { summary: triggers.map((t) => `${t.name} ${t.state}`).join(", "), findings };
  },
});
