import "server-only";
import type { TimelineEntry, TimelinePage } from "@/lib/api/timeline-schema";
import type { Queryable } from "./store";

export type NewTimelineEntry = Omit<TimelineEntry, "id">;

interface Row {
  id: number;
  at: Date;
  kind: TimelineEntry["kind"];
  service_id: string | null;
  dependency_id: string | null;
  finding_key: string | null;
  severity: TimelineEntry["severity"];
  status: string | null;
  previous_status: string | null;
  summary: string;
  actor: string | null;
  role: string | null;
  data: Record<string, unknown>;
}

const entryOf = (row: Row): TimelineEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  kind: row.kind,
  serviceId: row.service_id,
  dependencyId: row.dependency_id,
  findingKey: row.finding_key,
  severity: row.severity,
  status: row.status,
  previousStatus: row.previous_status,
  summary: row.summary,
  actor: row.actor,
  role: row.role,
  data: row.data,
});

export async function insertTimelineEntries(db: Queryable, entries: readonly NewTimelineEntry[]): Promise<void> {
  for (const e of entries) {
    await db.query(
      `INSERT INTO timeline (at, kind, service_id, dependency_id, finding_key, severity, status, previous_status, summary, actor, role, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [e.at, e.kind, e.serviceId, e.dependencyId, e.findingKey, e.severity, e.status, e.previousStatus, e.summary, e.actor, e.role, JSON.stringify(e.data)],
    );
  }
}

export interface TimelineFilter {
  /** Only entries at or after this time. */
  since?: string;
  /** Only entries older than this id: the cursor of the next page. */
  before?: number;
  serviceId?: string;
  dependencyId?: string;
  limit: number;
}

/** Newest first, a page at a time. */
export async function listTimeline(db: Queryable, filter: TimelineFilter): Promise<TimelinePage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace("?", `$${params.length}`));
  };
  if (filter.since) add("at >= ?", filter.since);
  if (filter.before !== undefined) add("id < ?", filter.before);
  if (filter.serviceId) add("service_id = ?", filter.serviceId);
  if (filter.dependencyId) add("dependency_id = ?", filter.dependencyId);
  params.push(filter.limit + 1);
  const rows = await db.query<Row>(
    `SELECT * FROM timeline ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const entries = rows.slice(0, filter.limit).map(entryOf);
  return { entries, next: rows.length > filter.limit ? entries.at(-1)!.id : null };
}

/** The findings that were active when Lantern last stopped, with the moment each was first raised. */
export async function activeFindingsAtStart(db: Queryable): Promise<{ key: string; findingId: string; severity: "warn" | "crit"; since: string; summary: string }[]> {
  const rows = await db.query<{ finding_key: string; kind: string; severity: "warn" | "crit"; summary: string; data: { since?: string; findingId?: string } }>(
    `SELECT DISTINCT ON (finding_key) finding_key, kind, severity, summary, data FROM timeline
     WHERE kind IN ('finding-raised', 'finding-changed', 'finding-cleared') ORDER BY finding_key, id DESC`,
  );
  return rows
    .filter((row) => row.kind !== "finding-cleared" && row.data.since && row.data.findingId)
    .map((row) => ({ key: row.finding_key, findingId: row.data.findingId!, severity: row.severity, since: row.data.since!, summary: row.summary }));
}

/** The last status recorded for each dependency and service, so a restart announces only real changes. */
export async function lastStatuses(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ subject: string; status: string }>(
    `SELECT DISTINCT ON (subject) subject, status FROM (
       SELECT id, 'dependency:' || dependency_id AS subject, status FROM timeline WHERE kind = 'dependency-status'
       UNION ALL SELECT id, 'service:' || service_id AS subject, status FROM timeline WHERE kind = 'service-status'
     ) AS changes ORDER BY subject, id DESC`,
  );
  return new Map(rows.map((row) => [row.subject, row.status]));
}

export async function pruneTimeline(db: Queryable, olderThan: Date): Promise<number> {
  return (await db.query<{ n: number }>("WITH gone AS (DELETE FROM timeline WHERE at < $1 RETURNING 1) SELECT count(*)::integer AS n FROM gone", [olderThan]))[0]?.n ?? 0;
}
