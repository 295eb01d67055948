import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { sqlList } from "./sql-text";

interface WantedTrigger {
  table: string;
  name: string;
}

/** The triggers an instance watches, with their table and state; every user trigger when it names none. */
function triggersQuery(triggers: readonly WantedTrigger[] = []): string {
  const which = triggers.length ? ` AND tgname IN (${sqlList(triggers.map((t) => t.name))})` : "";
  return `SELECT tgrelid::regclass AS table_name, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal${which} ORDER BY 1, 2;`;
}

export const triggerDisabled = defineFinding({
  id: "postgres.trigger-disabled",
  title: "Trigger disabled",
  severities: ["crit"],
  cause: "A trigger the system relies on is switched off (ALTER TABLE … DISABLE TRIGGER, often left behind by a bulk load or a migration). Rows still arrive, but whatever the trigger did — a NOTIFY, an audit row — no longer happens.",
  steps: ["Confirm nobody disabled it on purpose for a running bulk load.", "Enable it again; then check that listeners pick up new rows and replay what was missed meanwhile."],
  commands: (target, _evidence, params: { triggers?: WantedTrigger[] }) => [target.psql(triggersQuery(params.triggers))],
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
    triggers: z.array(z.strictObject({ table: z.string(), name: z.string() })).min(1).describe("Triggers that must exist and be enabled"),
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
