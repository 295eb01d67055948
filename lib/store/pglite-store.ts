import "server-only";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import { lockDataDir } from "./data-lock";
import { StoreError, type Queryable, type Store } from "./store";

const INT8 = 20;
/** Lantern's tables are small and its queries simple: a 16 MB buffer pool, not PostgreSQL's 128 MB. */
const SETTINGS = ["shared_buffers = 16MB", "work_mem = 2MB", "maintenance_work_mem = 16MB"];

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in a folder of its
 * own, held by one Lantern at a time. A new folder is created by a short-lived
 * child process, because creating one takes ~700 MB that a WebAssembly heap
 * never gives back; reopening it here costs a fraction of that.
 */
export async function openPgliteStore(dir: string, log: (line: string) => void): Promise<Store> {
  // V8 compiles WebAssembly twice, quickly and then optimised for what runs
  // hot; PostgreSQL's startup is hot enough to keep both copies, ~45 MB of
  // machine code. The quick code alone opens the store in half the time and
  // writes a third slower (a 500-row history batch in ~45 ms, not ~34 ms):
  // small next to the memory, at the sizes Lantern writes.
  setFlagsFromString("--liftoff-only");
  const release = lockDataDir(dir, log);
  try {
    const data = join(dir, "pgdata");
    if (!existsSync(join(data, "PG_VERSION"))) createInChild(data, log);
    const db = await PGlite.create(data, { postgresqlconf: SETTINGS, parsers: { [INT8]: Number } });
    const asQueryable = (target: Pick<PGlite, "query">): Queryable => ({
      async query<Row>(sql: string, params: readonly unknown[] = []) {
        return (await target.query<Row>(sql, [...params])).rows;
      },
    });
    return {
      backend: "pglite",
      location: dir,
      ...asQueryable(db),
      transaction: (work) => db.transaction((tx) => work(asQueryable(tx))),
      async close() {
        await db.close().catch(() => undefined);
        release();
      },
    };
  } catch (error) {
    release();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot open the embedded store in ${dir}: ${(error as Error).message}`, { cause: error });
  }
}

function createInChild(data: string, log: (line: string) => void): void {
  log(`creating the embedded store in ${data} (once; a few seconds)`);
  const script = `const { PGlite } = await import("@electric-sql/pglite"); const db = await PGlite.create(process.argv[1]); await db.close();`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script, data], { encoding: "utf8", timeout: 120_000 });
  if (child.status !== 0) throw new StoreError(`cannot create the embedded store in ${data}: ${(child.stderr || child.error?.message || `exit ${child.status}`).trim().split("\n").at(-1)}`);
}
