import type { LabContext } from "./scenario";

const BATCH = 5_000;

/** Pushes jobs onto action_jobs in batches, as events would while workers are away. */
export async function pushJobs(lab: LabContext, count: number): Promise<void> {
  for (let pushed = 0; pushed < count; pushed += BATCH) {
    const jobs = Array.from({ length: Math.min(BATCH, count - pushed) }, (_, i) => JSON.stringify({ eventId: -(pushed + i), triggerId: "trg_webhook_payments" }));
    await lab.redis.lpush("action_jobs", ...jobs);
  }
}

export async function stopWorkers(lab: LabContext, backlog: number): Promise<void> {
  lab.systems.agentAuri.faults.workersStopped = true;
  await pushJobs(lab, backlog);
}

export async function resumeWorkers(lab: LabContext): Promise<void> {
  await lab.redis.del("action_jobs");
  lab.systems.agentAuri.faults.workersStopped = false;
}
