import { defineScenario } from "./scenario";

export default defineScenario({
  id: "user-sync-missing-column",
  system: "user-sync",
  title: "A migration was skipped: column attempts is missing",
  description: "Drops users.attempts, as a deploy that ran before its AutoMigrate would leave it; the consumer's writes fail with “column \"attempts\" does not exist”.",
  expect: [
    { finding: "postgres.schema-drift", on: "user-sync.db" },
    { dependency: "user-sync.db", status: "crit" },
  ],
  apply: async (lab) => void (await lab.db.query("ALTER TABLE users DROP COLUMN IF EXISTS attempts")),
  revert: async (lab) => void (await lab.db.query("ALTER TABLE users ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0")),
});
