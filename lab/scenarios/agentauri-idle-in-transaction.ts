import { defineScenario, hold, release, session } from "./scenario";

export default defineScenario({
  id: "agentauri-idle-in-transaction",
  system: "agentauri",
  title: "A session left idle in a transaction",
  description: "An admin session updates a trigger row inside a transaction and walks away without COMMIT or ROLLBACK.",
  expect: [{ finding: "postgres.idle-in-transaction", on: "agentauri.db" }],
  // The lab estate warns after 1 s idle.
  settleMs: 1_000,
  apply: (lab) =>
    hold(lab, "idle-tx", async () => {
      const client = await session("agentauri-admin");
      await client.query("BEGIN");
      await client.query("UPDATE triggers SET name = name WHERE id = 'trg_mcp_sync'");
      return async () => {
        await client.query("ROLLBACK").catch(() => undefined);
        await client.end().catch(() => undefined);
      };
    }),
  revert: (lab) => release(lab, "idle-tx"),
});
