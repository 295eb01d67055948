import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisPersistence } from "./persistence";

const rdb = (status = "ok") => ({ status, changesSinceSave: 412, lastSaveAgeSeconds: 180, saveRules: "3600 1 300 100 60 10000" });
const aof = (writeStatus = "ok", rewriteStatus = "ok") => ({ enabled: true, writeStatus, rewriteStatus });

export default judgingCases(redisPersistence, {
  healthy: [
    { what: "Birb Nest's AOF and snapshots, all ok", data: { rdb: rdb(), aof: aof() } },
    { what: "snapshots only", data: { rdb: rdb(), aof: { enabled: false } } },
    { what: "persistence off: said in words, not a failure", data: { rdb: { ...rdb(), saveRules: "" }, aof: { enabled: false } } },
  ],
  raises: [
    { what: "the last RDB save failed (MISCONF ahead)", finding: "redis.persistence-failing", severity: "crit", data: { rdb: rdb("err"), aof: { enabled: false } } },
    { what: "the last AOF write failed", finding: "redis.persistence-failing", severity: "crit", data: { rdb: rdb(), aof: aof("err") } },
    { what: "the last AOF rewrite failed", finding: "redis.persistence-failing", severity: "warn", data: { rdb: rdb(), aof: aof("ok", "err") } },
  ],
});
