import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Problems no probe raises, known so the error lookup can answer them. */
export const POSTGRES_KNOWN_ERRORS = [
  defineFinding({
    id: "postgres.unique-violation",
    title: "Concurrent writes collide on a unique key",
    severities: [],
    cause: "Two writers insert the same key at the same moment (a retried request, two workers on one message, a cache write-behind racing itself). The second one fails with a unique violation; if it is retried blindly it fails again.",
    steps: ["Make the write idempotent: INSERT … ON CONFLICT DO UPDATE, or check the version (optimistic locking).", "Retry with backoff only for writes that are safe to repeat.", "Give requests a unique id so duplicates can be told apart."],
    commands: (target) => [target.psql("SELECT conname, conrelid::regclass FROM pg_constraint WHERE contype = 'u';")],
    explains: ["nats.dlq-filling"],
    matches: ["duplicate key value violates unique constraint", "23505", "unique_violation"],
  }),
];
