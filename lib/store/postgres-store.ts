import "server-only";
import pg from "pg";
import { StoreError, type Queryable, type Store } from "./store";

const INT8 = 20;
/** Replicas share the store; each keeps a few connections of its own. */
const MAX_CONNECTIONS = 4;

/** The shared store: a PostgreSQL database, as several replicas use it. */
export async function openPostgresStore(url: string): Promise<Store> {
  let location: string;
  try {
    const parsed = new URL(url);
    location = `${parsed.host}${parsed.pathname}`;
  } catch {
    throw new StoreError("LANTERN_DATABASE_URL is not a URL; expected postgres://user:password@host:5432/database");
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: MAX_CONNECTIONS,
    application_name: "lantern",
    connectionTimeoutMillis: 5_000,
    statement_timeout: 15_000,
    idleTimeoutMillis: 30_000,
    types: { getTypeParser: (oid: number, format?: string) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format as "text")) },
  });
  // A connection the server drops while idle must not take the process with it.
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot reach the store at ${location}: ${(error as Error).message}`, { cause: error });
  }
  const queryable = (client: Pick<pg.Pool, "query">): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, [...params])).rows as Row[];
    },
  });
  return {
    backend: "postgres",
    location,
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
