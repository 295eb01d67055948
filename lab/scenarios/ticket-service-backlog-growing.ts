import { jetstream } from "@nats-io/jetstream";
import { every } from "../systems/http-kit";
import { jsm } from "./restore-streams";
import { defineScenario, hold, release, type LabContext } from "./scenario";

async function publishTickets(lab: LabContext, count: number) {
  const js = jetstream(lab.nats);
  await Promise.all(Array.from({ length: count }, (_, i) => js.publish(`tickets.work.burst-${Date.now()}-${i}`, "{}")));
}

export default defineScenario({
  id: "ticket-service-backlog-growing",
  system: "ticket-service",
  title: "Ticket backlog growing",
  description: "The ticket workers stop while 500 tickets arrive at once and 100 more every second: ticket-worker's pending count grows past its warning mark.",
  expect: [{ finding: "nats.consumer-backlog", on: "ticket-service.bus" }],
  apply: async (lab) => {
    lab.systems.ticketService.faults.workerStopped = true;
    await publishTickets(lab, 500);
    await hold(lab, "ticket-flood", async () => {
      const flood = every(500, () => publishTickets(lab, 50));
      return async () => flood.stop();
    });
  },
  revert: async (lab) => {
    await release(lab, "ticket-flood");
    await (await jsm(lab)).streams.purge("TICKETS");
    lab.systems.ticketService.faults.workerStopped = false;
  },
});
