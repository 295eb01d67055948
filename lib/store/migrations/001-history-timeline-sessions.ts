import type { Migration } from "./migration";

/** Downsampled history, what happened, and who is signed in. */
export const historyTimelineSessions: Migration = {
  version: 1,
  name: "history, timeline, sessions",
  statements: [
    // One row per probe instance per minute: enough for a day's strip and a week's trend.
    `CREATE TABLE history (
      probe_key text NOT NULL,
      minute timestamptz NOT NULL,
      worst text NOT NULL,
      summary text NOT NULL,
      series double precision,
      latency_min double precision,
      latency_max double precision,
      runs integer NOT NULL,
      PRIMARY KEY (probe_key, minute)
    )`,
    `CREATE INDEX history_by_minute ON history (minute)`,
    `CREATE TABLE timeline (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      kind text NOT NULL,
      service_id text,
      dependency_id text,
      finding_key text,
      severity text,
      status text,
      previous_status text,
      summary text NOT NULL,
      actor text,
      role text,
      data jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    `CREATE INDEX timeline_by_time ON timeline (at DESC, id DESC)`,
    `CREATE INDEX timeline_by_dependency ON timeline (dependency_id, at DESC)`,
    `CREATE INDEX timeline_by_finding ON timeline (finding_key, at DESC)`,
    // The session id itself is never stored: a leaked table signs nobody in.
    `CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      actor text NOT NULL,
      role text NOT NULL,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen timestamptz NOT NULL
    )`,
  ],
};
