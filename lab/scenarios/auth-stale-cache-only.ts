import { defineScenario } from "./scenario";

export default defineScenario({
  id: "auth-stale-cache-only",
  system: "auth-token",
  title: "Tokens served from the stale cache only",
  description: "Kong goes away and the primary consumer cache empties: the service keeps issuing tokens from its stale tier, while it lasts.",
  expect: [
    { finding: "http.json-threshold", on: "auth-token.api" },
    { finding: "http.unreachable", on: "auth-token.kong" },
    { finding: "http.breaker-open", on: "auth-token.api" },
  ],
  // The breaker needs a few failed Kong calls before it opens.
  settleMs: 6_000,
  apply: async (lab) => {
    await lab.systems.authToken.setKongDown(true);
    const primary = await lab.redis.keys("auth:consumer:*");
    if (primary.length) await lab.redis.del(...primary);
  },
  revert: (lab) => lab.systems.authToken.setKongDown(false),
});
