import { defineScenario } from "./scenario";

export default defineScenario({
  id: "agentauri-api-503",
  system: "agentauri",
  title: "AgentAuri API answers 503",
  description: "The AgentAuri API gateway answers its health check with 503 Service Unavailable and Retry-After: 30.",
  expect: [
    { finding: "http.unhealthy", on: "agentauri.api" },
    { dependency: "agentauri.api", status: "crit" },
    { service: "agentauri", status: "degraded" },
  ],
  apply: async (lab) => {
    lab.systems.agentAuri.faults.apiUnavailable = true;
  },
  revert: async (lab) => {
    lab.systems.agentAuri.faults.apiUnavailable = false;
  },
});
