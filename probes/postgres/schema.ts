import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { sqlList } from "./sql-text";

/** The columns of the tables an instance names ("schema.table" or "table"); every table's when it names none. */
function columnsQuery(tables: Record<string, string[]> = {}): string {
  const names = Object.keys(tables).map((name) => name.split(".").at(-1)!);
  const where = names.length ? `WHERE table_name IN (${sqlList(names)})` : "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')";
  return `SELECT table_schema, table_name, column_name FROM information_schema.columns ${where} ORDER BY 1, 2, ordinal_position;`;
}

export const schemaDrift = defineFinding({
  id: "postgres.schema-drift",
  title: "Tables or columns missing",
  severities: ["crit"],
  cause:
    "The code expects a table or column the database does not have: a migration was skipped or failed, or the service was deployed before its migration ran. Every query that touches it fails with “column … does not exist”.",
  steps: [
    "Compare the missing names with the service's latest migration.",
    "Run the pending migration (for user-sync: go run cmd/migrate/main.go; for AgentAuri: sqlx migrate run).",
    "Then check that the failing consumers or handlers recover: messages they rejected meanwhile may need a replay.",
  ],
  commands: (target, _evidence, params: { tables?: Record<string, string[]> }) => [target.psql(columnsQuery(params.tables))],
  matches: ["column \"attempts\" does not exist", "does not exist", "relation does not exist", "undefined_column", "42703", "42P01"],
});

export const postgresSchema = defineProbe({
  id: "postgres.schema",
  title: "Schema",
  reads: "tables and columns that must exist",
  kind: "postgres",
  params: z.strictObject({
    tables: z
      .record(z.string().regex(/^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/i), z.array(z.string()))
      .refine((tables) => Object.keys(tables).length > 0, { error: "name at least one table" })
      .describe('Tables (optionally "schema.table") and the columns each must have'),
  }),
  data: z.object({ missingTables: z.array(z.string()), missingColumns: z.array(z.string()), checked: z.number() }),
  findings: [schemaDrift],
  command: (target, params) => target.psql(columnsQuery(params.tables)),
  async read(pool, params) {
    const wanted = Object.entries(params.tables).map(([name, columns]) => {
      const [schema, table] = name.includes(".") ? (name.split(".") as [string, string]) : ["public", name];
      return { name, schema, table, columns };
    });
    const { rows } = await pool.query<{ schema: string; table: string; column: string }>(
      `SELECT table_schema AS schema, table_name AS table, column_name AS column FROM information_schema.columns
       WHERE (table_schema, table_name) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [wanted.map((w) => w.schema), wanted.map((w) => w.table)],
    );
    const missingTables: string[] = [];
    const missingColumns: string[] = [];
    for (const w of wanted) {
      const present = new Set(rows.filter((r) => r.schema === w.schema && r.table === w.table).map((r) => r.column));
      if (present.size === 0) missingTables.push(w.name);
      else for (const column of w.columns) if (!present.has(column)) missingColumns.push(`${w.name}.${column}`);
    }
    return { missingTables, missingColumns, checked: wanted.reduce((sum, w) => sum + w.columns.length, 0) };
  },
  judge({ missingTables, missingColumns, checked }, params) {
    const tables = Object.keys(params.tables);
    if (missingTables.length === 0 && missingColumns.length === 0) return { summary: `${tables.length} tables and ${checked} columns present`, findings: [] };
    const summary = `missing: ${[...missingTables.map((t) => `table ${t}`), ...missingColumns.map((c) => `column ${c}`)].join(", ")}`;
    return { summary, findings: [raise(schemaDrift, "crit", summary, { missingTables, missingColumns, tables: tables.map((name) => name.split(".").at(-1)!) })] };
  },
});
