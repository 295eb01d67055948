import "server-only";
import pg from "pg";
import { clientTimeoutMs, type DependencyClient } from "./dependency-client";

export type PostgresClient = pg.Pool;

export interface PostgresClientOptions {
  /** How the connection names itself to the server ("lantern", or "lantern-fix" for a fix\'s own). */
  name?: string;
  url: string;
  timeoutMs: number;
  intervalMs: number;
  /** The pool's bound, when not POSTGRES_MAX_CONNECTIONS. */
  max?: number;
  onError?: (error: Error) => void;
}

/** At most two connections per dependency (a few more when dependencies share the target), named "lantern" so they can be told apart in pg_stat_activity. */
export const POSTGRES_MAX_CONNECTIONS = 2;

export function createPostgresClient(options: PostgresClientOptions): DependencyClient<PostgresClient> {
  const timeout = clientTimeoutMs(options.timeoutMs);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? POSTGRES_MAX_CONNECTIONS,
    application_name: options.name ?? "lantern",
    statement_timeout: timeout,
    query_timeout: timeout,
    lock_timeout: timeout,
    connectionTimeoutMillis: timeout,
    // Keep the connection between two runs, drop it when the schedule is sparse.
    idleTimeoutMillis: Math.max(30_000, 2 * options.intervalMs),
    allowExitOnIdle: true,
  });
  // An idle connection that the server closes must not crash the process.
  pool.on("error", (error) => options.onError?.(error));

  return {
    acquire: async () => pool,
    close: () => pool.end(),
  };
}
