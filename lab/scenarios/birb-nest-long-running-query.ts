import { defineScenario, hold, release, session } from "./scenario";

export default defineScenario({
  id: "birb-nest-long-running-query",
  system: "birb-nest",
  title: "A report query runs for minutes",
  description: "A reporting session runs SELECT pg_sleep(600) against the cache store, as a heavy ad-hoc query would.",
  expect: [{ finding: "postgres.long-running-query", on: "birb-nest.db" }],
  // The lab estate warns after 1 s of running.
  settleMs: 1_000,
  apply: (lab) =>
    hold(lab, "long-query", async () => {
      const client = await session("birb-report");
      const running = client.query("SELECT pg_sleep(600) /* nightly report */").catch(() => undefined);
      return async () => {
        await lab.db.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'birb-report'");
        await running;
        await client.end().catch(() => undefined);
      };
    }),
  revert: (lab) => release(lab, "long-query"),
});
