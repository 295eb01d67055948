import { every } from "../systems/http-kit";
import { pushJobs, resumeWorkers, stopWorkers } from "./agentauri-queue";
import { defineScenario, hold, release } from "./scenario";

export default defineScenario({
  id: "agentauri-queue-over-crit",
  system: "agentauri",
  title: "Job queue past 50,000 and growing",
  description: "The action workers are gone, 55,000 jobs wait on action_jobs and 300 more arrive every second: past the critical depth, where the event processor applies backpressure.",
  expect: [
    { finding: "redis.queue-backlog", on: "agentauri.jobs" },
    { dependency: "agentauri.jobs", status: "crit" },
  ],
  apply: async (lab) => {
    await stopWorkers(lab, 55_000);
    await hold(lab, "job-flood", async () => {
      const flood = every(500, () => pushJobs(lab, 150));
      return async () => flood.stop();
    });
  },
  revert: async (lab) => {
    await release(lab, "job-flood");
    await resumeWorkers(lab);
  },
});
