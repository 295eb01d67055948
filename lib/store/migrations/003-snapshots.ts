import type { Migration } from "./migration";

/** Incident snapshots: immutable, kept as the exact canonical text their hash was taken of; and who read them. */
export const snapshots: Migration = {
  version: 3,
  name: "snapshots and their reads",
  statements: [
    `CREATE TABLE snapshots (
      id text PRIMARY KEY,
      title text NOT NULL,
      actor text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz,
      sha256 text NOT NULL,
      bytes integer NOT NULL,
      body text NOT NULL
    )`,
    `CREATE TABLE snapshot_reads (
      id bigserial PRIMARY KEY,
      snapshot_id text NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      actor text NOT NULL
    )`,
    `CREATE INDEX snapshot_reads_by_snapshot ON snapshot_reads (snapshot_id, at DESC)`,
  ],
};
