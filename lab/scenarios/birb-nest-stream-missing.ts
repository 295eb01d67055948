import { jsm, restore } from "./restore-streams";
import { defineScenario } from "./scenario";

export default defineScenario({
  id: "birb-nest-stream-missing",
  system: "birb-nest",
  title: "Stream BIRB_CACHE missing",
  description: "Deletes stream BIRB_CACHE (and with it the durable birb-worker): writes to cache.persist.* get no acknowledgement and nothing reaches Postgres.",
  expect: [
    { finding: "nats.stream-missing", on: "birb-nest.queue" },
    { finding: "nats.consumer-missing", on: "birb-nest.queue" },
  ],
  apply: async (lab) => void (await (await jsm(lab)).streams.delete("BIRB_CACHE").catch(() => false)),
  revert: (lab) => restore(lab),
});
