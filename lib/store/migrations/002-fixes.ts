import type { Migration } from "./migration";

/** Guided fixes: previews to execute, runs with their idempotency keys, one lock per dependency, the audit log. */
export const fixes: Migration = {
  version: 2,
  name: "fix previews, runs, locks, audit log",
  statements: [
    `CREATE TABLE fix_previews (
      id text PRIMARY KEY,
      fix_id text NOT NULL,
      dependency_id text NOT NULL,
      finding_key text,
      params jsonb NOT NULL,
      summary text NOT NULL,
      targets jsonb NOT NULL,
      state_hash text NOT NULL,
      confirm text,
      actor text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
    // The idempotency key is unique: a second request with it finds the first run instead of starting one.
    `CREATE TABLE fix_runs (
      id text PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      preview_id text NOT NULL,
      fix_id text NOT NULL,
      dependency_id text NOT NULL,
      actor text NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      outcome text,
      answer jsonb
    )`,
    `CREATE INDEX fix_runs_by_dependency ON fix_runs (dependency_id, fix_id, started_at DESC)`,
    `CREATE TABLE fix_locks (
      dependency_id text PRIMARY KEY,
      run_id text NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
    `CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      role text NOT NULL,
      action text NOT NULL,
      fix_id text NOT NULL,
      dependency_id text NOT NULL,
      finding_key text,
      run_id text,
      params jsonb NOT NULL,
      targets jsonb NOT NULL,
      outcome text NOT NULL,
      reason text,
      verification jsonb,
      duration_ms double precision
    )`,
    `CREATE INDEX audit_log_by_time ON audit_log (id DESC)`,
  ],
};
