import { defineScenario, hold, release, session } from "./scenario";

const HELD = 19;

export default defineScenario({
  id: "agentauri-pool-exhaustion",
  system: "agentauri",
  title: "Action workers exhaust their connection pool",
  description: `Opens ${HELD} idle sessions named action-worker: 19 of the workers' 20 pooled connections, parked and never returned.`,
  expect: [
    { finding: "postgres.pool-exhaustion", on: "agentauri.db" },
    { dependency: "agentauri.db", status: "crit" },
  ],
  apply: (lab) =>
    hold(lab, "pool", async () => {
      const clients = await Promise.all(Array.from({ length: HELD }, () => session("action-worker")));
      return async () => void (await Promise.all(clients.map((c) => c.end().catch(() => undefined))));
    }),
  revert: (lab) => release(lab, "pool"),
});
