import type { PostgresClient } from "@/lib/clients/postgres";
import type { FixContext, FixTarget } from "@/lib/probe-kit/define-fix";
import { formatAge } from "@/lib/probe-kit/format";
import { plural } from "./plural";
import { showQuery } from "./sql-text";

/**
 * The sessions a fix may end, on pg_stat_activity as `a`: client sessions of
 * the dependency's own database (never a WAL sender, a superuser's replication
 * connection, a background worker, nor another database's session on the same
 * server), never the fix's own, never Lantern's.
 */
export const TOUCHABLE =
  "a.backend_type = 'client backend' AND a.datname = current_database() AND a.pid <> pg_backend_pid() AND coalesce(a.application_name, '') NOT LIKE 'lantern%'";

/**
 * What makes a session a target, and since when. A fix touches a session only
 * while it is still in that condition since the same moment: a query that
 * finished and a new one that started are not the query the engineer saw.
 */
export interface SessionCondition {
  /** When the condition started, on `a`: the idle spell's start, the query's, the transaction's. */
  since: string;
  /** The condition itself, on pg_stat_activity as `a`. */
  where: string;
}

export interface SessionRow {
  pid: number;
  usename: string | null;
  application_name: string | null;
  client_addr: string | null;
  state: string | null;
  backend_start: Date;
  since: Date;
  seconds: number;
  query: string | null;
}

/** The columns a session target is read with, from pg_stat_activity as `a`; `seconds` is how long it has been in the condition. */
export function sessionColumns(condition: SessionCondition): string {
  return `a.pid, a.usename, a.application_name, a.client_addr::text AS client_addr, a.state, a.backend_start, ${condition.since} AS since,
          extract(epoch FROM now() - ${condition.since})::float8 AS seconds, a.query`;
}

/**
 * The touchable sessions in the condition for at least `seconds`, longest
 * first; `also` narrows them further (SQL on `a`, its values from $2 on).
 */
export async function sessionsInCondition(pool: PostgresClient, condition: SessionCondition, seconds: number, also = "true", values: unknown[] = []): Promise<SessionRow[]> {
  const { rows } = await pool.query<SessionRow>(
    `SELECT ${sessionColumns(condition)} FROM pg_stat_activity a
     WHERE ${TOUCHABLE} AND ${condition.where} AND ${condition.since} <= now() - make_interval(secs => $1) AND ${also}
     ORDER BY ${condition.since}`,
    [seconds, ...values],
  );
  return rows;
}

/** A session as a row of the targets table; `what` names how long it has been in its condition ("idle", "running"). */
export function sessionTarget(row: SessionRow, what: string): FixTarget {
  const age = formatAge(row.seconds * 1000);
  return {
    id: String(row.pid),
    label: `pid ${row.pid} · ${row.application_name || "(no application)"} · ${what} ${age}`,
    details: {
      pid: row.pid,
      user: row.usename,
      application: row.application_name || null,
      client: row.client_addr,
      state: row.state,
      [what]: age,
      // An active session shows the statement it runs; any other, the last one it ran.
      [row.state === "active" ? "query" : "last statement"]: showQuery(row.query ?? ""),
      started: row.backend_start.toISOString(),
      since: row.since.toISOString(),
    },
  };
}

/** One session as a fix recognises it again: its pid, when it started, and since when it is in its condition. */
export interface SessionIdentity {
  pid: number;
  started: string;
  since: string;
}

/**
 * Who the sessions are and since when they are targets, not how long they
 * have been: a pid and its start time name one session (a pid reused by a new
 * one differs), the condition's start names one idle spell, one query, one
 * transaction; the ages grow every second without the decision changing.
 */
export function sessionState(rows: SessionRow[]): SessionIdentity[] {
  return rows.map((row) => ({ pid: row.pid, started: row.backend_start.toISOString(), since: row.since.toISOString() })).sort((a, b) => a.pid - b.pid);
}

/** The sessions of a preview's targets. */
export function targetSessions(targets: FixTarget[]): SessionIdentity[] {
  return targets.map((t) => ({ pid: Number(t.details.pid), started: String(t.details.started), since: String(t.details.since) }));
}

/** Of the given sessions, those still there (same pid and start) and, with a condition, still in it since the same moment. */
function stillThere(condition?: SessionCondition): string {
  const since = condition ? ` AND date_trunc('milliseconds', ${condition.since}) = t.since` : "";
  return `SELECT a.pid FROM pg_stat_activity a
          JOIN unnest($1::int[], $2::timestamptz[], $3::timestamptz[]) AS t(pid, started, since) ON a.pid = t.pid AND date_trunc('milliseconds', a.backend_start) = t.started${since}
          WHERE ${TOUCHABLE} AND ${condition?.where ?? "true"}`;
}

const columnsOf = (sessions: SessionIdentity[]) => [sessions.map((s) => s.pid), sessions.map((s) => s.started), sessions.map((s) => s.since)];

/**
 * Sends the signal to the sessions still as the preview saw them; returns how many got it.
 * The choice is materialised first: in a plain WHERE the planner may call
 * pg_terminate_backend on every session of the server before it applies the join.
 */
async function signal(pool: PostgresClient, sessions: SessionIdentity[], condition: SessionCondition, how: "cancel" | "terminate"): Promise<number> {
  if (sessions.length === 0) return 0;
  const { rows } = await pool.query<{ signalled: boolean }>(
    `WITH chosen AS MATERIALIZED (${stillThere(condition)}) SELECT pg_${how}_backend(pid) AS signalled FROM chosen`,
    columnsOf(sessions),
  );
  return rows.filter((row) => row.signalled).length;
}

/** Waits until none of the sessions is left (in the condition, when given), at most `ms`; returns those still left. */
async function awaitSessions(pool: PostgresClient, sessions: SessionIdentity[], ms: number, condition?: SessionCondition): Promise<SessionIdentity[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { rows } = sessions.length ? await pool.query<{ pid: number }>(stillThere(condition), columnsOf(sessions)) : { rows: [] };
    const left = sessions.filter((s) => rows.some((row) => row.pid === s.pid));
    if (left.length === 0 || Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A terminated backend exits within moments; the verifying probes must see the world after it. */
const EXIT_WAIT_MS = 5_000;

/** Ends the target sessions still as the preview saw them, and waits for them to exit; returns how many it ended. */
export async function terminateSessions(pool: PostgresClient, sessions: SessionIdentity[], condition: SessionCondition): Promise<number> {
  const ended = await signal(pool, sessions, condition, "terminate");
  await awaitSessions(pool, sessions, EXIT_WAIT_MS);
  return ended;
}

/**
 * Cancels the queries still as the preview saw them; a session still running
 * the same query `waitMs` later ignored the cancel, and is terminated.
 */
export async function cancelQueries(pool: PostgresClient, sessions: SessionIdentity[], condition: SessionCondition, waitMs: number, context: FixContext): Promise<{ cancelled: number; terminated: number }> {
  const cancelled = await signal(pool, sessions, condition, "cancel");
  context.progress(`cancel sent to ${plural(cancelled, "query", "queries")}; waiting up to ${formatAge(waitMs)} for them to stop`);
  const stubborn = await awaitSessions(pool, sessions, waitMs, condition);
  if (stubborn.length) context.progress(`${stubborn.length} still running after the cancel: terminating ${stubborn.length === 1 ? "its session" : "their sessions"}`);
  const terminated = await terminateSessions(pool, stubborn, condition);
  return { cancelled, terminated };
}
