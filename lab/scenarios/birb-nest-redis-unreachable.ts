import { defineScenario, unreachable } from "./scenario";

export default defineScenario({
  id: "birb-nest-redis-unreachable",
  system: "birb-nest",
  title: "Birb Nest's Redis unreachable",
  description: "Birb Nest's Redis refuses connections: reads miss and fall through to Postgres, and /health says degraded.",
  expect: [
    { finding: "redis.unreachable", on: "birb-nest.cache" },
    { dependency: "birb-nest.cache", status: "down" },
    { dependency: "birb-nest.api", status: "warn" },
    { service: "birb-nest", status: "degraded" },
  ],
  ...unreachable("birb-nest.redis"),
});
