import { defineScenario } from "./scenario";

export default defineScenario({
  id: "agentauri-indexer-lagging",
  system: "agentauri",
  title: "Chain indexer stops following the chain",
  description: "The Ponder indexer stalls (its RPC provider rate-limits it) while the chain moves on a block a second.",
  expect: [{ finding: "http.lag", on: "agentauri.indexer" }],
  // The lab estate warns from 3 blocks behind.
  settleMs: 3_000,
  apply: async (lab) => {
    lab.systems.agentAuri.faults.indexerStalled = true;
  },
  revert: async (lab) => {
    lab.systems.agentAuri.faults.indexerStalled = false;
  },
});
