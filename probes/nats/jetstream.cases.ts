import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { natsJetstream } from "./jetstream";

const GiB = 1024 ** 3;

/** An account with 1 GiB of memory and 10 GiB of file storage. */
const account = (memoryShare: number, storageShare: number, apiErrorsSinceLastRun = 0) => ({
  memoryBytes: Math.round(memoryShare * GiB),
  storageBytes: Math.round(storageShare * 10 * GiB),
  maxMemoryBytes: GiB,
  maxStorageBytes: 10 * GiB,
  streams: 3,
  consumers: 4,
  apiErrors: 17 + apiErrorsSinceLastRun,
  apiErrorsSinceLastRun,
});

export default judgingCases(natsJetstream, {
  healthy: [
    { what: "a fifth of memory, half of storage", data: account(0.2, 0.5) },
    { what: "storage just under 75 %", data: account(0.1, 0.74) },
    {
      what: "no account limits: unlimited is never a share",
      data: { memoryBytes: 0, storageBytes: 9 * GiB, maxMemoryBytes: -1, maxStorageBytes: -1, streams: 2, consumers: 2, apiErrors: 0, apiErrorsSinceLastRun: 0 },
    },
    { what: "a few API errors under the estate's own threshold", data: account(0.2, 0.5, 3), params: { apiErrorsWarn: 5 } },
  ],
  raises: [
    { what: "storage at 75 %", finding: "nats.jetstream-limits", severity: "warn", data: account(0.2, 0.75) },
    { what: "memory at 90 %", finding: "nats.jetstream-limits", severity: "crit", data: account(0.9, 0.3) },
    { what: "thresholds set in the estate", finding: "nats.jetstream-limits", severity: "crit", data: account(0.2, 0.6), params: { warn: 0.4, crit: 0.6 } },
    { what: "one API error since the last run", finding: "nats.jetstream-api-errors", severity: "warn", data: account(0.2, 0.5, 1) },
  ],
});
