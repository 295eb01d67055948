import { BREAKER } from "../lab-config";
import { defineScenario } from "./scenario";

/** How long the service's breaker stays open in production before it tries Kong again (its guide: 60 s). */
const PRODUCTION_WAIT_MS = 60_000;

export default defineScenario({
  id: "auth-breaker-stuck-open",
  system: "auth-token",
  title: "Kong breaker still open after Kong came back",
  description:
    "A short Kong outage opens the breaker; Kong answers again at once, but with the production wait of 60 s the breaker goes on refusing to call it, and tokens come from the stale cache only. The API's declared action breaker-reset closes it.",
  expect: [
    { finding: "http.breaker-open", on: "auth-token.api" },
    { dependency: "auth-token.api", status: "crit" },
  ],
  apply: async (lab) => {
    const auth = lab.systems.authToken;
    auth.setBreakerWait(PRODUCTION_WAIT_MS);
    await auth.setKongDown(true);
    try {
      await auth.tripBreaker();
    } finally {
      await auth.setKongDown(false);
    }
  },
  revert: async (lab) => lab.systems.authToken.setBreakerWait(BREAKER.openMs),
});
