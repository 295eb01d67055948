import { defineScenario } from "./scenario";

export default defineScenario({
  id: "agentauri-trigger-disabled",
  system: "agentauri",
  title: "notify_new_event_trigger disabled",
  description: "Disables the trigger that announces new events on channel new_event, as a bulk load might leave it; only the polling fallback still finds new events.",
  expect: [
    { finding: "postgres.trigger-disabled", on: "agentauri.db" },
    { dependency: "agentauri.db", status: "crit" },
  ],
  apply: async (lab) => void (await lab.db.query("ALTER TABLE events DISABLE TRIGGER notify_new_event_trigger")),
  revert: async (lab) => void (await lab.db.query("ALTER TABLE events ENABLE TRIGGER notify_new_event_trigger")),
});
