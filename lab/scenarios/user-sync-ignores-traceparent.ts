import { defineScenario } from "./scenario";

export default defineScenario({
  id: "user-sync-ignores-traceparent",
  system: "user-sync",
  title: "Trace context dropped",
  description: "The Go backend's tracing middleware is left out of a build: answers carry neither the caller's trace nor a trace id of their own.",
  expect: [{ finding: "http.trace-context-missing", on: "user-sync.api" }],
  apply: async (lab) => {
    lab.systems.userSync.faults.ignoreTraceContext = true;
  },
  revert: async (lab) => {
    lab.systems.userSync.faults.ignoreTraceContext = false;
  },
});
