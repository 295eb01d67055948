import { defineScenario } from "./scenario";

export default defineScenario({
  id: "agentauri-hsts-missing",
  system: "agentauri",
  title: "HSTS switched off",
  description: "The API gateway is deployed with ENABLE_HSTS off: answers no longer carry Strict-Transport-Security.",
  expect: [{ finding: "http.security-headers-missing", on: "agentauri.api" }],
  apply: async (lab) => {
    lab.systems.agentAuri.faults.hstsOff = true;
  },
  revert: async (lab) => {
    lab.systems.agentAuri.faults.hstsOff = false;
  },
});
