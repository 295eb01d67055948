import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge } from "@/lib/probe-kit/format";
import { configGet, parseRedisInfo } from "./info";

export const persistenceFailing = defineFinding({
  id: "redis.persistence-failing",
  title: "Redis cannot persist",
  cause: "Redis failed to write its snapshot or its append-only file: a full disk, lost permissions, or not enough memory to fork. With a failed RDB save and stop-writes-on-bgsave-error, Redis refuses every write (MISCONF).",
  steps: [
    "Read the Redis log for the reason of the failed save or write.",
    "Check free disk space and permissions of its data directory.",
    "After fixing it, trigger BGSAVE (or BGREWRITEAOF) and check the status turns ok; for a corrupt AOF, redis-check-aof --fix on a copy.",
  ],
  commands: (target) => [target.redisCli("INFO", "persistence"), target.redisCli("CONFIG", "GET", "dir")],
  matches: ["MISCONF Redis is configured to save RDB snapshots", "Background saving error", "Bad file format reading the append only file", "redis-check-aof"],
});

export const redisPersistence = defineProbe({
  id: "redis.persistence",
  title: "Persistence",
  kind: "redis",
  params: z.strictObject({}),
  data: z.object({
    rdb: z.object({ status: z.string(), changesSinceSave: z.number(), lastSaveAgeSeconds: z.number() }),
    aof: z.object({ enabled: z.boolean(), writeStatus: z.string().optional(), rewriteStatus: z.string().optional() }),
  }),
  findings: [persistenceFailing],
  command: (target) => target.redisCli("INFO", "persistence"),
  async run(redis) {
    const info = parseRedisInfo(await redis.info("persistence"));
    const saveRules = (await configGet(redis, "save")) ?? (info.rdb_last_save_time ? "unknown rules" : "");
    const rdb = {
      status: info.rdb_last_bgsave_status ?? "ok",
      changesSinceSave: Number(info.rdb_changes_since_last_save ?? 0),
      lastSaveAgeSeconds: Math.max(0, Math.round(Date.now() / 1000 - Number(info.rdb_last_save_time ?? Date.now() / 1000))),
    };
    const aofEnabled = info.aof_enabled === "1";
    const aof = { enabled: aofEnabled, ...(aofEnabled ? { writeStatus: info.aof_last_write_status ?? "ok", rewriteStatus: info.aof_last_bgrewrite_status ?? "ok" } : {}) };
    const data = { rdb, aof };
    const findings = [];
    if (rdb.status !== "ok") findings.push(raise(persistenceFailing, "crit", `the last RDB save failed (${rdb.status}); Redis may refuse writes`, { rdbStatus: rdb.status }));
    if (aofEnabled && aof.writeStatus !== "ok") findings.push(raise(persistenceFailing, "crit", `the last AOF write failed (${aof.writeStatus})`, { aofWriteStatus: aof.writeStatus }));
    if (aofEnabled && aof.rewriteStatus !== "ok") findings.push(raise(persistenceFailing, "warn", `the last AOF rewrite failed (${aof.rewriteStatus})`, { aofRewriteStatus: aof.rewriteStatus }));
    const words = [
      aofEnabled ? `AOF on, last write ${aof.writeStatus}, last rewrite ${aof.rewriteStatus}` : "AOF off",
      saveRules ? `RDB snapshots (${saveRules}), last save ${rdb.status} ${formatAge(rdb.lastSaveAgeSeconds * 1000)} ago` : "RDB snapshots off",
    ];
    const summary = !aofEnabled && !saveRules ? "persistence off: no RDB snapshots, no AOF — a restart empties this Redis" : words.join("; ");
    const status = findings.some((f) => f.severity === "crit") ? "crit" : findings.length ? "warn" : "ok";
    return { status, summary, data, findings };
  },
});
