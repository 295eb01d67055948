import { resumeWorkers, stopWorkers } from "./agentauri-queue";
import { defineScenario } from "./scenario";

export default defineScenario({
  id: "agentauri-queue-over-warn",
  system: "agentauri",
  title: "Job queue over 10,000",
  description: "The action workers stop while 12,000 jobs wait on Redis list action_jobs: past the warning depth of 10,000.",
  expect: [
    { finding: "redis.queue-backlog", on: "agentauri.jobs" },
    { dependency: "agentauri.jobs", status: "warn" },
  ],
  apply: (lab) => stopWorkers(lab, 12_000),
  revert: (lab) => resumeWorkers(lab),
});
