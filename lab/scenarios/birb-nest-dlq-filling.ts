import { jsm } from "./restore-streams";
import { defineScenario } from "./scenario";

export default defineScenario({
  id: "birb-nest-dlq-filling",
  system: "birb-nest",
  title: "Dead-letter queue filling",
  description: "Every write the worker tries fails (a unique constraint it does not expect); after three deliveries each message is parked on BIRB_CACHE_DLQ, which keeps growing.",
  expect: [
    { finding: "nats.dlq-filling", on: "birb-nest.queue" },
    { finding: "nats.consumer-redelivering", on: "birb-nest.queue" },
    // No message gets through, so nothing is acknowledged: the worker makes no progress at all.
    { finding: "nats.consumer-stalled", on: "birb-nest.queue" },
  ],
  // The first dead letters come after three deliveries; stalled is judged after 5 s without an ack,
  // timed between readings (up to an interval more); a loaded 2-core machine was seen 0.3 s past 6 s.
  settleMs: 7_000,
  apply: async (lab) => {
    lab.systems.birbNest.faults.workerFailing = true;
  },
  revert: async (lab) => {
    lab.systems.birbNest.faults.workerFailing = false;
    // Processing the dead letters, as the runbook's last step does.
    await (await jsm(lab)).streams.purge("BIRB_CACHE_DLQ");
  },
});
