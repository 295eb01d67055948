import { defineScenario } from "./scenario";

export default defineScenario({
  id: "ticket-service-responder-gone",
  system: "ticket-service",
  title: "Nobody answers tickets.create",
  description: "The ticket service's request handler unsubscribes from tickets.create (its HTTP side stays up): every request gets “no responders”.",
  expect: [{ finding: "nats.no-responders", on: "ticket-service.bus" }],
  apply: (lab) => lab.systems.ticketService.stopResponder(),
  revert: (lab) => lab.systems.ticketService.startResponder(),
});
