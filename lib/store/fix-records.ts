import "server-only";
import type { AuditEntry, FixRunView } from "@/lib/api/fix-schema";
import type { FixTarget } from "@/lib/probe-kit/define-fix";
import type { Queryable } from "./store";

export interface StoredPreview {
  id: string;
  fixId: string;
  dependencyId: string;
  findingKey: string | null;
  params: Record<string, unknown>;
  summary: string;
  targets: FixTarget[];
  stateHash: string;
  confirm: string | null;
  actor: string;
  expiresAt: Date;
}

export async function insertPreview(db: Queryable, p: StoredPreview, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO fix_previews (id, fix_id, dependency_id, finding_key, params, summary, targets, state_hash, confirm, actor, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [p.id, p.fixId, p.dependencyId, p.findingKey, JSON.stringify(p.params), p.summary, JSON.stringify(p.targets), p.stateHash, p.confirm, p.actor, at, p.expiresAt],
  );
}

export async function findPreview(db: Queryable, id: string): Promise<StoredPreview | undefined> {
  const row = (
    await db.query<{ id: string; fix_id: string; dependency_id: string; finding_key: string | null; params: Record<string, unknown>; summary: string; targets: FixTarget[]; state_hash: string; confirm: string | null; actor: string; expires_at: Date }>(
      "SELECT * FROM fix_previews WHERE id = $1",
      [id],
    )
  )[0];
  return (
    row && {
      id: row.id,
      fixId: row.fix_id,
      dependencyId: row.dependency_id,
      findingKey: row.finding_key,
      params: row.params,
      summary: row.summary,
      targets: row.targets,
      stateHash: row.state_hash,
      confirm: row.confirm,
      actor: row.actor,
      expiresAt: row.expires_at,
    }
  );
}

/** The run a key already started, finished or not. */
export async function runOfKey(db: Queryable, idempotencyKey: string): Promise<{ id: string; answer: FixRunView | { refused: { status: number; code: string; message: string } } | null } | undefined> {
  return (await db.query<{ id: string; answer: FixRunView | null }>("SELECT id, answer FROM fix_runs WHERE idempotency_key = $1", [idempotencyKey]))[0];
}

/**
 * Claims the key and the dependency's lock in one transaction: either both
 * (the run may start) or neither. Answers why not when it cannot.
 */
export async function claimRun(
  db: Queryable,
  run: { id: string; idempotencyKey: string; previewId: string; fixId: string; dependencyId: string; actor: string },
  at: Date,
  lockMs: number,
): Promise<"claimed" | "key-taken" | "lock-held"> {
  const claimed = await db.query(
    `INSERT INTO fix_runs (id, idempotency_key, preview_id, fix_id, dependency_id, actor, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [run.id, run.idempotencyKey, run.previewId, run.fixId, run.dependencyId, run.actor, at],
  );
  if (claimed.length === 0) return "key-taken";
  // A lock whose run died with its process expires; anything else holds.
  const locked = await db.query(
    `INSERT INTO fix_locks (dependency_id, run_id, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (dependency_id) DO UPDATE SET run_id = excluded.run_id, expires_at = excluded.expires_at WHERE fix_locks.expires_at < $4
     RETURNING run_id`,
    [run.dependencyId, run.id, new Date(at.getTime() + lockMs), at],
  );
  return locked.length === 0 ? "lock-held" : "claimed";
}

/** Whether a run holds the dependency's lock now (one whose process died lets go when it expires). */
export async function lockHeld(db: Queryable, dependencyId: string, at: Date): Promise<boolean> {
  return (await db.query("SELECT 1 FROM fix_locks WHERE dependency_id = $1 AND expires_at >= $2", [dependencyId, at])).length > 0;
}

export async function finishRun(db: Queryable, runId: string, dependencyId: string, outcome: string, answer: unknown, at: Date): Promise<void> {
  await db.query("UPDATE fix_runs SET finished_at = $2, outcome = $3, answer = $4 WHERE id = $1", [runId, at, outcome, JSON.stringify(answer)]);
  await releaseLock(db, dependencyId, runId);
}

export async function releaseLock(db: Queryable, dependencyId: string, runId: string): Promise<void> {
  await db.query("DELETE FROM fix_locks WHERE dependency_id = $1 AND run_id = $2", [dependencyId, runId]);
}

/** When the last run of a fix on a dependency that touched anything started, for its cooldown. */
export async function lastRunAt(db: Queryable, fixId: string, dependencyId: string): Promise<Date | undefined> {
  return (
    await db.query<{ started_at: Date }>(
      "SELECT started_at FROM fix_runs WHERE fix_id = $1 AND dependency_id = $2 AND (outcome IS NULL OR outcome <> 'refused') ORDER BY started_at DESC LIMIT 1",
      [fixId, dependencyId],
    )
  )[0]?.started_at;
}

export type NewAuditEntry = Omit<AuditEntry, "id">;

export async function insertAudit(db: Queryable, e: NewAuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor, role, action, fix_id, dependency_id, finding_key, run_id, params, targets, outcome, reason, verification, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [e.at, e.actor, e.role, e.action, e.fixId, e.dependencyId, e.findingKey, e.runId, JSON.stringify(e.params), JSON.stringify(e.targets), e.outcome, e.reason, e.verification === null ? null : JSON.stringify(e.verification), e.durationMs],
  );
}

export async function listAudit(db: Queryable, filter: { before?: number; dependencyIds?: string[]; limit: number }): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.before !== undefined) where.push(`id < $${params.push(filter.before)}`);
  if (filter.dependencyIds) where.push(`dependency_id = ANY($${params.push(filter.dependencyIds)})`);
  const rows = await db.query<{
    id: number; at: Date; actor: string; role: string; action: AuditEntry["action"]; fix_id: string; dependency_id: string; finding_key: string | null; run_id: string | null;
    params: Record<string, unknown>; targets: AuditEntry["targets"]; outcome: string; reason: string | null; verification: unknown; duration_ms: number | null;
  }>(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT $${params.push(filter.limit + 1)}`, params);
  const entries = rows.slice(0, filter.limit).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    role: r.role,
    action: r.action,
    fixId: r.fix_id,
    dependencyId: r.dependency_id,
    findingKey: r.finding_key,
    runId: r.run_id,
    params: r.params,
    targets: r.targets,
    outcome: r.outcome,
    reason: r.reason,
    verification: r.verification,
    durationMs: r.duration_ms,
  }));
  return { entries, next: rows.length > filter.limit ? entries.at(-1)!.id : null };
}

export async function runById(db: Queryable, runId: string): Promise<FixRunView | null | undefined> {
  const row = (await db.query<{ answer: FixRunView | null }>("SELECT answer FROM fix_runs WHERE id = $1", [runId]))[0];
  return row ? row.answer : undefined;
}
