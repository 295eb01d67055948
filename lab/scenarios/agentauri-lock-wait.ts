import { defineScenario, hold, release, session } from "./scenario";

export default defineScenario({
  id: "agentauri-lock-wait",
  system: "agentauri",
  title: "Writers queue behind a held row lock",
  description: "A migration session locks an api_keys row FOR UPDATE and stays idle in its transaction; an admin's UPDATE of the same row waits behind it.",
  expect: [
    { finding: "postgres.lock-wait", on: "agentauri.db" },
    { finding: "postgres.idle-in-transaction", on: "agentauri.db" },
  ],
  settleMs: 1_000,
  apply: (lab) =>
    hold(lab, "lock", async () => {
      const holder = await session("agentauri-migration");
      await holder.query("BEGIN");
      await holder.query("SELECT * FROM api_keys WHERE key_prefix = 'sk_test_lab0' FOR UPDATE");
      const waiter = await session("agentauri-admin");
      const waiting = waiter.query("UPDATE api_keys SET is_active = true WHERE key_prefix = 'sk_test_lab0'").catch(() => undefined);
      return async () => {
        await holder.query("ROLLBACK").catch(() => undefined);
        await waiting;
        await Promise.all([holder.end().catch(() => undefined), waiter.end().catch(() => undefined)]);
      };
    }),
  revert: (lab) => release(lab, "lock"),
});
