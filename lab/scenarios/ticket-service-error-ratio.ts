import { defineScenario } from "./scenario";

export default defineScenario({
  id: "ticket-service-error-ratio",
  system: "ticket-service",
  title: "Half the ticket requests fail",
  description: "The ticket service starts failing half its requests with HTTP 500; its Prometheus metrics count them.",
  expect: [{ finding: "http.prometheus-threshold", on: "ticket-service.api" }],
  apply: async (lab) => {
    lab.systems.ticketService.faults.errorRatio = 0.5;
  },
  revert: async (lab) => {
    lab.systems.ticketService.faults.errorRatio = 0;
  },
});
