import { defineScenario } from "./scenario";

export default defineScenario({
  id: "auth-kong-down",
  system: "auth-token",
  title: "Kong Admin API down",
  description: "The Kong Admin stand-in stops listening: token requests fail with AUTH_004 until the breaker opens, and /health says degraded.",
  expect: [
    { finding: "http.unreachable", on: "auth-token.kong" },
    { dependency: "auth-token.kong", status: "down" },
    { dependency: "auth-token.api", status: "warn" },
    { service: "auth-token", status: "degraded" },
  ],
  apply: (lab) => lab.systems.authToken.setKongDown(true),
  revert: async (lab) => {
    await lab.systems.authToken.setKongDown(false);
    lab.systems.authToken.breaker.reset();
  },
});
