import "server-only";
import type { Env } from "@/lib/config/interpolate";
import { migrate } from "./migrate";
import { openPgliteStore } from "./pglite-store";
import { openPostgresStore } from "./postgres-store";
import type { Store } from "./store";

export const DEFAULT_DATA_DIR = "./.lantern";

/**
 * The store this process uses: PostgreSQL when LANTERN_DATABASE_URL is set
 * (what replicas share), else the embedded one in LANTERN_DATA_DIR. Migrated
 * before anything uses it; throws StoreError with the cause in words.
 */
export async function openStore(env: Env, log: (line: string) => void): Promise<Store> {
  const url = env.LANTERN_DATABASE_URL;
  const store = url ? await openPostgresStore(url) : await openPgliteStore(env.LANTERN_DATA_DIR || DEFAULT_DATA_DIR, log);
  try {
    const applied = await migrate(store);
    for (const migration of applied) log(`store ${store.location}: applied migration ${migration.version} (${migration.name})`);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
