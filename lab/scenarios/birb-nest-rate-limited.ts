import { defineScenario } from "./scenario";

export default defineScenario({
  id: "birb-nest-rate-limited",
  system: "birb-nest",
  title: "Emergency rate limiter left on",
  description:
    "The API's rate limiter, switched on during an overload (POST /admin/ratelimit), is left on at a game-day limit of 1 request a minute: every caller, the health check included, gets 429 with X-RateLimit-* headers. The API's declared action ratelimit-off switches it off.",
  expect: [
    { finding: "http.rate-limited", on: "birb-nest.api" },
    { dependency: "birb-nest.api", status: "warn" },
  ],
  apply: async (lab) => lab.systems.birbNest.limiter.set(true, 1),
  revert: async (lab) => lab.systems.birbNest.limiter.set(false),
});
