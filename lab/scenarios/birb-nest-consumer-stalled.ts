import { defineScenario } from "./scenario";

export default defineScenario({
  id: "birb-nest-consumer-stalled",
  system: "birb-nest",
  title: "Worker stops acknowledging",
  description: "Birb Nest's worker keeps receiving from BIRB_CACHE but never acknowledges: messages wait, are redelivered after ack_wait, and nothing is stored.",
  expect: [{ finding: "nats.consumer-stalled", on: "birb-nest.queue" }],
  // The lab estate calls this consumer stalled after 5 s without an acknowledgement, timed between
  // readings: the clock starts at the last reading that saw nothing waiting, up to an interval early.
  settleMs: 6_000,
  apply: async (lab) => {
    lab.systems.birbNest.faults.workerNoAck = true;
  },
  revert: async (lab) => {
    lab.systems.birbNest.faults.workerNoAck = false;
  },
});
