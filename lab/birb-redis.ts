import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { BIRB_REDIS_PORT, LAB_HOST } from "./lab-config";
import { terminate } from "./stopping";

export const BIRB_REDIS_MAXMEMORY = "64mb";

/** Birb Nest's own redis-server: append-only file on, maxmemory set, data in a temporary folder. */
export class BirbRedis {
  private child: ChildProcess | undefined;
  private dir: string | undefined;

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), "lantern-lab-redis-"));
    const child = spawn(
      "redis-server",
      ["--port", String(BIRB_REDIS_PORT), "--bind", LAB_HOST, "--dir", this.dir, "--appendonly", "yes", "--appendfilename", "birb-cache.aof", "--save", "", "--maxmemory", BIRB_REDIS_MAXMEMORY, "--maxmemory-policy", "noeviction"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    this.child = child;
    let errors = "";
    child.stderr?.on("data", (chunk) => (errors += chunk));
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if (child.exitCode !== null) throw new Error(`redis-server for Birb Nest exited: ${errors || `code ${child.exitCode}`} (is port ${BIRB_REDIS_PORT} taken?)`);
      const redis = new Redis({ host: LAB_HOST, port: BIRB_REDIS_PORT, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      redis.on("error", () => undefined);
      try {
        await redis.connect();
        if ((await redis.ping()) === "PONG") return;
      } catch {
        // not up yet
      } finally {
        redis.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`redis-server for Birb Nest did not answer on ${BIRB_REDIS_PORT}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child) await terminate(child);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
