import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresSchema } from "./schema";

const tables = { users: ["id", "auth_id", "role", "attempts"], "public.cache_entries": ["key", "value", "version", "updated_at"] };

export default judgingCases(postgresSchema, {
  healthy: [{ what: "every table and column present", data: { missingTables: [], missingColumns: [], checked: 8 }, params: { tables } }],
  raises: [
    { what: "a migration skipped: users.attempts missing", finding: "postgres.schema-drift", severity: "crit", data: { missingTables: [], missingColumns: ["users.attempts"], checked: 8 }, params: { tables } },
    { what: "a table never created", finding: "postgres.schema-drift", severity: "crit", data: { missingTables: ["public.cache_entries"], missingColumns: [], checked: 8 }, params: { tables } },
  ],
});
