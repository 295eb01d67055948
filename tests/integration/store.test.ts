import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir, LOCK_FILE } from "@/lib/store/data-lock";
import { migrate } from "@/lib/store/migrate";
import { MIGRATIONS } from "@/lib/store/migrations";
import { openStore } from "@/lib/store/open-store";
import { hostname } from "node:os";
import { StoreError, type Store } from "@/lib/store/store";
import { storeHome, type StoreHome } from "../support/store-backends";

// The same suite on both backends: the embedded PGlite and a real PostgreSQL.
describe.each(["pglite", "postgres"] as const)("the store on %s", (backend) => {
  let home: StoreHome;
  let store: Store;
  const log: string[] = [];

  beforeAll(async () => {
    home = await storeHome(backend, "store");
    store = await openStore(home.env, (line) => log.push(line));
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await home?.remove();
  });

  it("applies every migration once, in one transaction, and records it", async () => {
    const recorded = await store.query<{ version: number; name: string }>("SELECT version, name FROM lantern_migrations ORDER BY version");
    expect(recorded).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    expect(log.filter((line) => line.includes("applied migration"))).toHaveLength(MIGRATIONS.length);
    expect(await migrate(store)).toEqual([]);
  });

  it("answers in the same shapes on both backends: int8 as numbers, timestamps as Dates, jsonb as objects", async () => {
    const [row] = await store.query<{ n: number; at: Date; data: unknown; big: number }>(
      "SELECT count(*) AS n, '2026-11-30T12:00:00Z'::timestamptz AS at, '{\"a\":[1,2]}'::jsonb AS data, 9007199254740991::int8 AS big FROM lantern_migrations",
    );
    expect(row).toEqual({ n: MIGRATIONS.length, at: new Date("2026-11-30T12:00:00Z"), data: { a: [1, 2] }, big: 9007199254740991 });
  });

  it("a transaction commits all or nothing", async () => {
    await store.query("CREATE TABLE t_tx (v integer PRIMARY KEY)");
    await expect(
      store.transaction(async (tx) => {
        await tx.query("INSERT INTO t_tx VALUES (1)");
        await tx.query("INSERT INTO t_tx VALUES (1)");
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await store.query("SELECT * FROM t_tx")).toEqual([]);
    await store.transaction((tx) => tx.query("INSERT INTO t_tx VALUES (2)"));
    expect(await store.query("SELECT v FROM t_tx")).toEqual([{ v: 2 }]);
  });

  it("a migration that fails half-way leaves no half-applied schema", async () => {
    const broken = [...MIGRATIONS, { version: 900, name: "half", statements: ["CREATE TABLE half_applied (v integer)", "CREATE TABLE nope (v no_such_type)"] }];
    await expect(migrate(store, broken)).rejects.toThrow(StoreError);
    await expect(migrate(store, broken)).rejects.toThrow(/nothing was changed: type "no_such_type" does not exist/);
    expect(await store.query("SELECT to_regclass('half_applied') AS t")).toEqual([{ t: null }]);
    expect((await store.query<{ v: number }>("SELECT max(version)::integer AS v FROM lantern_migrations"))[0]?.v).toBe(MIGRATIONS.at(-1)!.version);
  });

  it("a store whose schema is newer than this Lantern is refused with the reason", async () => {
    await store.query("INSERT INTO lantern_migrations (version, name, applied_at) VALUES (999, 'from the future', now())");
    await expect(migrate(store)).rejects.toThrow(`has schema version 999, newer than this Lantern's ${MIGRATIONS.at(-1)!.version}`);
    await store.query("DELETE FROM lantern_migrations WHERE version = 999");
  });

  it("kill -9 in the middle of writes loses no committed record", async () => {
    // One embedded store per folder: the writer takes it, and the killed writer's lock is taken over after.
    if (backend === "pglite") await store.close();
    const committed = await writeUntilKilled(home.env);
    if (backend === "pglite") {
      store = await openStore(home.env, (line) => log.push(line));
      expect(log.some((line) => /which is gone: taking it over/.test(line))).toBe(true);
    }
    // Lines already on their way when the kill lands are read too: each is a commit acknowledged before it.
    expect(committed.length).toBeGreaterThanOrEqual(300);
    const stored = new Set((await store.query<{ n: number }>("SELECT n FROM kill_test")).map((r) => r.n));
    expect(committed.filter((n) => !stored.has(n))).toEqual([]);
    console.log(`${backend}: ${committed.length} commits acknowledged before kill -9, ${stored.size} rows after it`);
  }, 60_000);
});

describe("the data folder's lock", () => {
  let home: StoreHome;
  beforeAll(async () => (home = await storeHome("pglite", "lock")));
  afterAll(() => home.remove());

  it("refuses a second holder while the first lives, naming the folder and its pid", () => {
    const dir = home.env.LANTERN_DATA_DIR!;
    writeFileSync(join(dir, LOCK_FILE), `1 ${hostname()}\n`);
    expect(() => lockDataDir(dir, () => undefined)).toThrow(`the data folder ${dir} is in use by another Lantern (pid 1)`);
  });

  it("takes over a lock whose process is gone, and says so", () => {
    const dir = home.env.LANTERN_DATA_DIR!;
    writeFileSync(join(dir, LOCK_FILE), `999999 ${hostname()}\n`);
    const said: string[] = [];
    const release = lockDataDir(dir, (line) => said.push(line));
    expect(said).toEqual([`the data folder ${dir} was locked by pid 999999, which is gone: taking it over`]);
    release();
  });

  it("a folder that cannot be made is a clear error", async () => {
    // Root writes anywhere: a path under a regular file is one no one can make.
    const file = join(home.env.LANTERN_DATA_DIR!, "a-file");
    writeFileSync(file, "");
    await expect(openStore({ LANTERN_DATA_DIR: join(file, "data") }, () => undefined)).rejects.toThrow(`cannot create the data folder ${join(file, "data")}`);
  });
});

describe("a PostgreSQL store that cannot be reached", () => {
  it("is a clear error naming where", async () => {
    await expect(openStore({ LANTERN_DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }, () => undefined)).rejects.toThrow(/cannot reach the store at 127.0.0.1:1\/none: connect ECONNREFUSED/);
  });

  it("refusing the password is a clear error naming why", async () => {
    await expect(openStore({ LANTERN_DATABASE_URL: "postgres://no_such_role:x@127.0.0.1:5432/postgres" }, () => undefined)).rejects.toThrow(/cannot reach the store at 127.0.0.1:5432\/postgres: .*no_such_role/);
  });
});

/** A child process writing one row per transaction, printing each commit, killed with SIGKILL mid-stream. */
async function writeUntilKilled(env: Record<string, string>): Promise<number[]> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/store-writer.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const committed: number[] = [];
  await new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      committed.push(Number(line));
      if (committed.length === 300) {
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.once("exit", () => resolve());
  });
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once("exit", resolve)));
  return committed;
}
