import { z } from "zod";
import type { RedisClient } from "@/lib/clients/redis";

/** SCAN's COUNT hint: quick enough over many keys, small enough that no call blocks Redis for long. */
const SCAN_COUNT = 1000;
/** Keys per pipeline, so a long list never waits on one huge reply. */
const PIPELINE_KEYS = 500;

/** How far a probe or a fix scans: bounded, because KEYS (or an endless SCAN) blocks a busy Redis. */
export const maxScanParam = z.number().int().min(100).max(1_000_000).default(10_000).describe("Keys examined at most per run (SCAN, never KEYS)");

export interface ScannedKeys {
  /** Each matching key once: SCAN may return a key twice while Redis resizes its table. */
  keys: string[];
  examined: number;
  /** False when the scan stopped at maxScan before the end of the keyspace. */
  complete: boolean;
}

/** The keys of a pattern by bounded SCAN, never KEYS. */
export async function scanKeys(redis: RedisClient, pattern: string, maxScan: number, signal: AbortSignal): Promise<ScannedKeys> {
  let cursor = "0";
  let examined = 0;
  const keys = new Set<string>();
  do {
    if (signal.aborted) throw signal.reason;
    const [next, batch] = await redis.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT);
    cursor = next;
    examined += SCAN_COUNT;
    for (const key of batch) keys.add(key);
  } while (cursor !== "0" && examined < maxScan);
  return { keys: [...keys], examined: Math.min(examined, maxScan), complete: cursor === "0" };
}

/** The replies of `commands` run on each key (e.g. ["type", "ttl"]), one array per key in the keys' order; a failed reply fails the read. */
export async function perKey(redis: RedisClient, keys: string[], commands: readonly string[]): Promise<unknown[][]> {
  const replies: unknown[][] = [];
  for (let i = 0; i < keys.length; i += PIPELINE_KEYS) {
    const pipe = redis.pipeline();
    for (const key of keys.slice(i, i + PIPELINE_KEYS)) for (const command of commands) pipe.call(command, key);
    const results = (await pipe.exec()) ?? [];
    for (let j = 0; j < results.length; j += commands.length) {
      replies.push(
        results.slice(j, j + commands.length).map(([error, reply]) => {
          if (error) throw error;
          return reply;
        }),
      );
    }
  }
  return replies;
}
