import type { Migration } from "./migration";

/**
 * Each probe's latest result, written by the replica that ran it and read by
 * the others: `seq` orders the writes, so a replica asks only for what is newer
 * than what it has, and one that starts or reconnects catches up in one query.
 */
export const replicas: Migration = {
  version: 4,
  name: "latest results shared by replicas",
  statements: [
    `CREATE SEQUENCE latest_results_seq`,
    `CREATE TABLE latest_results (
      probe_key text PRIMARY KEY,
      replica text NOT NULL,
      seq bigint NOT NULL,
      result jsonb NOT NULL
    )`,
    `CREATE INDEX latest_results_by_seq ON latest_results (seq)`,
  ],
};
