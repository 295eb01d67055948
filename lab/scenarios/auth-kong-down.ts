import { defineScenario } from "./scenario";

export default defineScenario({
  id: "auth-kong-down",
  system: "auth-token",
  title: "Kong Admin API down",
  description: "The Kong Admin stand-in stops listening: token requests fail with AUTH_004 until the breaker opens (AUTH_005), /health says degraded; once Kong is back the breaker goes half-open, then closed.",
  expect: [
    { finding: "http.unreachable", on: "auth-token.kong" },
    { finding: "http.breaker-open", on: "auth-token.api" },
    { dependency: "auth-token.kong", status: "down" },
    { dependency: "auth-token.api", status: "crit" },
    { service: "auth-token", status: "degraded" },
  ],
  // The breaker opens after a few failed calls to Kong.
  settleMs: 6_000,
  apply: (lab) => lab.systems.authToken.setKongDown(true),
  // Kong comes back; the breaker finds out by itself (half-open, then closed).
  revert: (lab) => lab.systems.authToken.setKongDown(false),
});
