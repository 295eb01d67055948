import { defineScenario } from "./scenario";

export default defineScenario({
  id: "agentauri-listener-gone",
  system: "agentauri",
  title: "Event processor's LISTEN connection gone",
  description: "The event processor drops its LISTEN new_event session and does not reconnect; only its polling fallback keeps events moving, slowly.",
  expect: [{ finding: "postgres.expected-client-missing", on: "agentauri.db" }],
  apply: (lab) => lab.systems.agentAuri.setListener(false),
  revert: (lab) => lab.systems.agentAuri.setListener(true),
});
