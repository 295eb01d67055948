import { defineScenario } from "./scenario";

const TRIGGER = "trg_webhook_payments";

export default defineScenario({
  id: "agentauri-breakers-open",
  system: "agentauri",
  title: "A trigger's breaker opens",
  description: `The webhook behind ${TRIGGER} goes down: its actions fail until the breaker in circuit_breaker_state opens and the workers skip it.`,
  expect: [{ finding: "postgres.breaker-open", on: "agentauri.db" }],
  // Five failures open it; about one action a second reaches this trigger.
  settleMs: 6_000,
  apply: async (lab) => {
    lab.systems.agentAuri.faults.failingTrigger = TRIGGER;
  },
  revert: async (lab) => {
    lab.systems.agentAuri.faults.failingTrigger = undefined;
    // The runbook's manual reset, once the webhook is back.
    await lab.db.query("UPDATE circuit_breaker_state SET state = 'closed', failure_count = 0, success_count = 0, opened_at = NULL WHERE trigger_id = $1", [TRIGGER]);
  },
});
