import { defineScenario, unreachable } from "./scenario";

export default defineScenario({
  id: "user-sync-redis-down",
  system: "user-sync",
  title: "user-sync loses Redis and falls back to Postgres",
  description: "user-sync's Redis refuses connections; the backend keeps answering from Postgres and reports itself degraded.",
  expect: [
    { finding: "redis.unreachable", on: "user-sync.cache" },
    { dependency: "user-sync.cache", status: "down" },
    { dependency: "user-sync.api", status: "warn" },
    { service: "user-sync", status: "degraded" },
  ],
  ...unreachable("user-sync.redis"),
});
