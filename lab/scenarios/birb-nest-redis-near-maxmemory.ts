import { BIRB_REDIS_MAXMEMORY } from "../birb-redis";
import { defineScenario } from "./scenario";

export default defineScenario({
  id: "birb-nest-redis-near-maxmemory",
  system: "birb-nest",
  title: "Birb Nest's Redis at maxmemory, evicting",
  description: "Lowers maxmemory of Birb Nest's Redis to just above what it uses and sets maxmemory-policy allkeys-lru: memory sits at the limit and keys start to go.",
  expect: [
    { finding: "redis.memory-pressure", on: "birb-nest.cache" },
    { finding: "redis.evictions", on: "birb-nest.cache" },
    { dependency: "birb-nest.cache", status: "crit" },
  ],
  apply: async (lab) => {
    const info = await lab.birbRedis.info("memory");
    const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
    await lab.birbRedis.config("SET", "maxmemory-policy", "allkeys-lru");
    await lab.birbRedis.config("SET", "maxmemory", String(Math.ceil(used / 0.95)));
    // A burst of writes past the limit, as a busy hour brings: the policy starts evicting.
    const burst = Array.from({ length: 400 }, (_, i) => i).reduce((pipe, i) => pipe.set(`birb:burst-${i}`, "x".repeat(1024), "EX", 600), lab.birbRedis.pipeline());
    await burst.exec();
  },
  revert: async (lab) => {
    const burst = await lab.birbRedis.keys("birb:burst-*");
    if (burst.length) await lab.birbRedis.del(...burst);
    await lab.birbRedis.config("SET", "maxmemory", BIRB_REDIS_MAXMEMORY);
    await lab.birbRedis.config("SET", "maxmemory-policy", "noeviction");
    // Rehydrate what was evicted from the store, as the runbook's recovery does.
    const { rows } = await lab.db.query<{ key: string; value: unknown }>("SELECT key, value FROM cache_entries");
    await rows.reduce((pipe, row) => pipe.set(`birb:${row.key}`, JSON.stringify(row.value), "EX", 600), lab.birbRedis.pipeline()).exec();
  },
});
