import { jsm, restore } from "./restore-streams";
import { defineScenario } from "./scenario";

export default defineScenario({
  id: "user-sync-consumer-deleted",
  system: "user-sync",
  title: "Durable consumer go-user-sync deleted",
  description: "Someone removes go-user-sync to clear a “consumer already exists” error; the Go backend does not recreate it, so user changes pile up unread.",
  expect: [{ finding: "nats.consumer-missing", on: "user-sync.bus" }],
  apply: async (lab) => void (await (await jsm(lab)).consumers.delete("user_sync", "go-user-sync").catch(() => false)),
  revert: (lab) => restore(lab),
});
