import { defineScenario } from "./scenario";

export default defineScenario({
  id: "user-sync-publisher-silent",
  system: "user-sync",
  title: "The monolith stops publishing on user.sync",
  description: "The Bun monolith stops publishing user changes: nothing crosses user.sync and role changes never reach the Go backend.",
  expect: [{ finding: "nats.subject-silent", on: "user-sync.bus" }],
  apply: async (lab) => {
    lab.systems.userSync.faults.publisherSilent = true;
  },
  revert: async (lab) => {
    lab.systems.userSync.faults.publisherSilent = false;
  },
});
