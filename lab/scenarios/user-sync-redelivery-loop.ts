import { defineScenario } from "./scenario";

export default defineScenario({
  id: "user-sync-redelivery-loop",
  system: "user-sync",
  title: "Handler fails: redelivery loop",
  description: "user_sync_handler rejects every event it receives (nak), so go-user-sync gets each message again and again until max_deliver.",
  expect: [{ finding: "nats.consumer-redelivering", on: "user-sync.bus" }],
  apply: async (lab) => {
    lab.systems.userSync.faults.handlerFailing = true;
  },
  revert: async (lab) => {
    lab.systems.userSync.faults.handlerFailing = false;
  },
});
