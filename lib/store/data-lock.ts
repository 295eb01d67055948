import "server-only";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { StoreError } from "./store";

export const LOCK_FILE = "lantern.lock";

/**
 * Two embedded databases on one folder lose data silently, so a folder is
 * held by one Lantern at a time: the lock file names the holder's pid. A lock
 * whose process is gone is taken over, and said so.
 */
export function lockDataDir(dir: string, log: (line: string) => void): () => void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot create the data folder ${dir}: ${(error as Error).message}`);
  }
  const lock = join(dir, LOCK_FILE);
  const mine = `${process.pid} ${hostname()}\n`;
  const draft = join(dir, `${LOCK_FILE}.${process.pid}`);
  try {
    writeFileSync(draft, mine);
  } catch (error) {
    throw new StoreError(`the data folder ${dir} is not writable: ${(error as Error).message}`);
  }
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        // link() fails when the lock exists: taking it is atomic.
        linkSync(draft, lock);
        // A process that exits without closing the store (a signal, a crash in JavaScript) still gives the folder back.
        const onExit = () => release(lock, mine);
        process.once("exit", onExit);
        return () => {
          process.off("exit", onExit);
          release(lock, mine);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new StoreError(`cannot lock the data folder ${dir}: ${(error as Error).message}`);
      }
      const holder = readHolder(lock);
      if (holder && holder.host === hostname() && alive(holder.pid)) {
        throw new StoreError(`the data folder ${dir} is in use by another Lantern (pid ${holder.pid}); give this one its own LANTERN_DATA_DIR, or share a PostgreSQL store with LANTERN_DATABASE_URL`);
      }
      log(`the data folder ${dir} was locked by pid ${holder?.pid ?? "?"}, which is gone: taking it over`);
      unlinkSync(lock);
    }
    throw new StoreError(`cannot lock the data folder ${dir}: another process keeps taking it`);
  } finally {
    unlinkSync(draft);
  }
}

function readHolder(lock: string): { pid: number; host: string } | undefined {
  try {
    const [pid, host = ""] = readFileSync(lock, "utf8").trim().split(/\s+/);
    return Number(pid) > 0 ? { pid: Number(pid), host } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function release(lock: string, mine: string): void {
  try {
    if (readFileSync(lock, "utf8") === mine) unlinkSync(lock);
  } catch {
    // Already gone.
  }
}
