import { z } from "zod";
import { defineFinding, raise, type Severity } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge } from "@/lib/probe-kit/format";
import { configGet, parseRedisInfo } from "./info";

export const persistenceFailing = defineFinding({
  id: "redis.persistence-failing",
  title: "Redis cannot persist",
  severities: ["warn", "crit"],
  cause: "Redis failed to write its snapshot or its append-only file: a full disk, lost permissions, or not enough memory to fork. With a failed RDB save and stop-writes-on-bgsave-error, Redis refuses every write (MISCONF).",
  steps: [
    "Read the Redis log for the reason of the failed save or write.",
    "Check free disk space and permissions of its data directory.",
    "After fixing it, trigger BGSAVE (or BGREWRITEAOF) and check the status turns ok; for a corrupt AOF, redis-check-aof --fix on a copy.",
  ],
  commands: (target) => [target.redisCli("INFO", "persistence"), target.redisCli("CONFIG", "GET", "dir")],
  matches: ["MISCONF Redis is configured to save RDB snapshots", "Background saving error", "Bad file format reading the append only file", "redis-check-aof"],
});

/** A status word Redis reports about its last write, judged: anything but "ok" failed. */
function failedWrite(field: string, status: string | undefined, severity: Severity, words: (status: string) => string) {
  if (status === undefined || status === "ok") return [];
  return [raise(persistenceFailing, severity, words(status), { [field]: status, rule: `${field} ${status} ≠ ok (${severity})` })];
}

export const redisPersistence = defineProbe({
  id: "redis.persistence",
  title: "Persistence",
  reads: "RDB and AOF status, or \"persistence off\"",
  kind: "redis",
  params: z.strictObject({}),
  data: z.object({
    rdb: z.object({ status: z.string(), changesSinceSave: z.number(), lastSaveAgeSeconds: z.number(), saveRules: z.string() }),
    aof: z.object({ enabled: z.boolean(), writeStatus: z.string().optional(), rewriteStatus: z.string().optional() }),
  }),
  findings: [persistenceFailing],
  command: (target) => target.redisCli("INFO", "persistence"),
  async read(redis, _params, _signal, { now }) {
    const info = parseRedisInfo(await redis.info("persistence"));
    const nowSeconds = now / 1000;
    const rdb = {
      status: info.rdb_last_bgsave_status ?? "ok",
      changesSinceSave: Number(info.rdb_changes_since_last_save ?? 0),
      lastSaveAgeSeconds: Math.max(0, Math.round(nowSeconds - Number(info.rdb_last_save_time ?? nowSeconds))),
      // Empty when snapshots are off; CONFIG may be forbidden, and then only INFO tells that they exist.
      saveRules: (await configGet(redis, "save")) ?? (info.rdb_last_save_time ? "unknown rules" : ""),
    };
    const enabled = info.aof_enabled === "1";
    const aof = { enabled, ...(enabled ? { writeStatus: info.aof_last_write_status ?? "ok", rewriteStatus: info.aof_last_bgrewrite_status ?? "ok" } : {}) };
    return { rdb, aof };
  },
  judge({ rdb, aof }) {
    const findings = [
      ...failedWrite("rdbStatus", rdb.status, "crit", (status) => `the last RDB save failed (${status}); Redis may refuse writes`),
      ...failedWrite("aofWriteStatus", aof.writeStatus, "crit", (status) => `the last AOF write failed (${status})`),
      ...failedWrite("aofRewriteStatus", aof.rewriteStatus, "warn", (status) => `the last AOF rewrite failed (${status})`),
    ];
    if (!aof.enabled && !rdb.saveRules) return { summary: "persistence off: no RDB snapshots, no AOF — a restart empties this Redis", findings };
    const words = [
      aof.enabled ? `AOF on, last write ${aof.writeStatus}, last rewrite ${aof.rewriteStatus}` : "AOF off",
      rdb.saveRules ? `RDB snapshots (${rdb.saveRules}), last save ${rdb.status} ${formatAge(rdb.lastSaveAgeSeconds * 1000)} ago` : "RDB snapshots off",
    ];
    return { summary: words.join("; "), findings };
  },
});
