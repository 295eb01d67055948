import { defineScenario } from "./scenario";

export default defineScenario({
  id: "auth-memory-high",
  system: "auth-token",
  title: "Memory over 80 % of 256 MB",
  description: "The auth service holds 150 MB more than usual (a cache grown unbounded, an interval never cleared): 86 % of its 256 MB limit.",
  expect: [{ finding: "http.json-threshold", on: "auth-token.api" }],
  apply: async (lab) => {
    lab.systems.authToken.ballast = Array.from({ length: 150 }, () => Buffer.alloc(1024 * 1024, 1));
  },
  revert: async (lab) => {
    lab.systems.authToken.ballast = [];
  },
});
