import { defineScenario } from "./scenario";

export const LAB_SLOT = "lantern_lab_forgotten_replica";

export default defineScenario({
  id: "agentauri-inactive-replication-slot",
  system: "agentauri",
  title: "A replication slot nobody uses",
  description: `Creates physical replication slot ${LAB_SLOT} with no replica attached, as a decommissioned replica leaves behind.`,
  expect: [{ finding: "postgres.inactive-replication-slot", on: "agentauri.db" }],
  apply: async (lab) =>
    void (await lab.db.query("SELECT pg_create_physical_replication_slot($1) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)", [LAB_SLOT])),
  revert: async (lab) => void (await lab.db.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", [LAB_SLOT])),
});
