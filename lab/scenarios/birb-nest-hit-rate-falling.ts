import { defineScenario } from "./scenario";

export default defineScenario({
  id: "birb-nest-hit-rate-falling",
  system: "birb-nest",
  title: "Cache hit rate falls",
  description: "Clients start reading keys that were never cached (a renamed key pattern): nearly every lookup misses and goes to Postgres.",
  expect: [{ finding: "redis.hit-rate-low", on: "birb-nest.cache" }],
  apply: async (lab) => {
    lab.systems.birbNest.faults.coldReads = true;
  },
  revert: async (lab) => {
    lab.systems.birbNest.faults.coldReads = false;
  },
});
