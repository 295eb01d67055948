import { defineScenario } from "./scenario";

export default defineScenario({
  id: "agentauri-events-not-processed",
  system: "agentauri",
  title: "No events processed",
  description: "The event processor stops working events, listener and polling alike; events pile up unprocessed in Postgres.",
  expect: [
    { finding: "postgres.query-threshold", on: "agentauri.db" },
    { service: "agentauri", status: "degraded" },
  ],
  // The lab estate counts events processed in the last 6 s: wide enough that the slower polling fallback never reads zero.
  settleMs: 6_000,
  apply: async (lab) => {
    lab.systems.agentAuri.faults.processorStopped = true;
  },
  revert: async (lab) => {
    lab.systems.agentAuri.faults.processorStopped = false;
  },
});
