import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** A place for a store of the test's own, on either backend, removed afterwards. */
export interface StoreHome {
  backend: "pglite" | "postgres";
  /** What LANTERN_DATA_DIR or LANTERN_DATABASE_URL should say. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

export async function storeHome(backend: "pglite" | "postgres", name: string): Promise<StoreHome> {
  if (backend === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), `lantern-${name}-`));
    return { backend, env: { LANTERN_DATA_DIR: dir }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = `lantern_test_${name.replace(/\W/g, "_")}_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  return {
    backend,
    env: { LANTERN_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}` },
    async remove() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    },
  };
}
