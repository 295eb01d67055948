import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Problems no probe raises, known so the error lookup can answer them. */
export const NATS_KNOWN_ERRORS = [
  defineFinding({
    id: "nats.consumer-name-conflict",
    title: "Two workers claim the same consumer name",
    severities: [],
    cause: "A worker tries to create a durable consumer that already exists with a different configuration (another instance, or an older version of the same worker).",
    steps: ["Decide whether both instances should share the durable (then give them the same configuration) or each have their own (unique names, e.g. with the host name).", "If the existing one is stale, remove it (nats consumer rm) and restart the worker."],
    commands: (target) => [target.nats("consumer", "ls", "<stream>")],
    matches: ["nats: consumer already exists", "consumer already exists", "consumer name already in use"],
  }),
];
