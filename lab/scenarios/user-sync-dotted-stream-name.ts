import { jsm, restore } from "./restore-streams";
import { defineScenario } from "./scenario";

export default defineScenario({
  id: "user-sync-dotted-stream-name",
  system: "user-sync",
  title: "A deploy names the stream user.sync",
  description: "user-sync is redeployed with the subject user.sync as its stream name; JetStream refuses the dots, the stream user_sync is gone, and /health says the stream is broken.",
  expect: [
    { finding: "nats.stream-missing", on: "user-sync.bus" },
    { finding: "nats.consumer-missing", on: "user-sync.bus" },
    { finding: "http.component-failing", on: "user-sync.api" },
  ],
  apply: async (lab) => {
    await (await jsm(lab)).streams.delete("user_sync").catch(() => false);
    lab.systems.userSync.streamName = "user.sync";
    await lab.systems.userSync.ensureStream().catch(() => undefined);
  },
  revert: async (lab) => {
    lab.systems.userSync.streamName = "user_sync";
    await restore(lab);
    await lab.systems.userSync.ensureStream();
  },
});
