import { defineScenario } from "./scenario";

export default defineScenario({
  id: "ticket-service-stopped",
  system: "ticket-service",
  title: "Ticket service stopped",
  description: "The ticket service process goes away: its HTTP port refuses and nobody answers on tickets.create.",
  expect: [
    { finding: "http.unreachable", on: "ticket-service.api" },
    { finding: "nats.no-responders", on: "ticket-service.bus" },
    { dependency: "ticket-service.api", status: "down" },
    { service: "ticket-service", status: "down" },
  ],
  apply: (lab) => lab.systems.ticketService.stop(),
  revert: async (lab) => {
    if (!lab.systems.ticketService.running) await lab.systems.ticketService.start();
  },
});
