import { defineScenario } from "./scenario";

export default defineScenario({
  id: "user-sync-keys-without-ttl",
  system: "user-sync",
  title: "user_status keys written without a TTL",
  description: "The Go backend's cache writes lose their EX: new user_status:<auth_id> keys never expire, so role changes stop reaching the API.",
  expect: [{ finding: "redis.keys-without-ttl", on: "user-sync.cache" }],
  apply: async (lab) => {
    lab.systems.userSync.faults.cacheWithoutTtl = true;
    // What the broken path writes, right away: one user's status with no expiry.
    await lab.redis.set("user_status:auth_000", JSON.stringify({ role: "member", active: true }));
  },
  revert: async (lab) => {
    lab.systems.userSync.faults.cacheWithoutTtl = false;
    const keys = await lab.redis.keys("user_status:*");
    if (keys.length) await lab.redis.del(...keys);
  },
});
