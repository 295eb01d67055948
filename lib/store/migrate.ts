import "server-only";
import { MIGRATIONS } from "./migrations";
import type { Migration } from "./migrations/migration";
import { StoreError, type Store } from "./store";

// Replicas starting together take turns: the first migrates, the others find nothing left to do.
const MIGRATION_LOCK = 0x4c414e54;

/**
 * Brings the store's schema up to this Lantern's, in one transaction: either
 * every pending migration is applied and recorded, or none is. A store newer
 * than this Lantern is refused.
 */
export async function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<Migration[]> {
  const known = migrations.at(-1)?.version ?? 0;
  try {
    return await store.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await tx.query("CREATE TABLE IF NOT EXISTS lantern_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)");
      const newest = (await tx.query<{ newest: number }>("SELECT coalesce(max(version), 0)::integer AS newest FROM lantern_migrations"))[0]?.newest ?? 0;
      if (newest > known) {
        throw new StoreError(`the store at ${store.location} has schema version ${newest}, newer than this Lantern's ${known}: run the newer Lantern, or give this one another store`);
      }
      const pending = migrations.filter((m) => m.version > newest);
      for (const migration of pending) {
        for (const statement of migration.statements) await tx.query(statement);
        await tx.query("INSERT INTO lantern_migrations (version, name, applied_at) VALUES ($1, $2, now())", [migration.version, migration.name]);
      }
      return pending;
    });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`migrating the store at ${store.location} failed, nothing was changed: ${(error as Error).message}`, { cause: error });
  }
}
