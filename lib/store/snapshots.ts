import "server-only";
import type { Queryable } from "./store";

export interface StoredSnapshot {
  id: string;
  title: string;
  actor: string;
  createdAt: Date;
  expiresAt: Date | null;
  sha256: string;
  /** The canonical JSON the hash was taken of, byte for byte. */
  body: string;
}

export async function insertSnapshot(db: Queryable, s: StoredSnapshot): Promise<void> {
  await db.query("INSERT INTO snapshots (id, title, actor, created_at, expires_at, sha256, bytes, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", [
    s.id,
    s.title,
    s.actor,
    s.createdAt,
    s.expiresAt,
    s.sha256,
    Buffer.byteLength(s.body),
    s.body,
  ]);
}

export async function findSnapshot(db: Queryable, id: string): Promise<StoredSnapshot | undefined> {
  const row = (await db.query<{ id: string; title: string; actor: string; created_at: Date; expires_at: Date | null; sha256: string; body: string }>("SELECT * FROM snapshots WHERE id = $1", [id]))[0];
  return row && { id: row.id, title: row.title, actor: row.actor, createdAt: row.created_at, expiresAt: row.expires_at, sha256: row.sha256, body: row.body };
}

export async function deleteSnapshot(db: Queryable, id: string): Promise<boolean> {
  return (await db.query("DELETE FROM snapshots WHERE id = $1 RETURNING id", [id])).length > 0;
}

export async function recordRead(db: Queryable, id: string, actor: string, at: Date): Promise<void> {
  await db.query("INSERT INTO snapshot_reads (snapshot_id, at, actor) VALUES ($1, $2, $3)", [id, at, actor]);
}

export async function readsOf(db: Queryable, id: string): Promise<{ at: string; actor: string }[]> {
  return (await db.query<{ at: Date; actor: string }>("SELECT at, actor FROM snapshot_reads WHERE snapshot_id = $1 ORDER BY at DESC LIMIT 200", [id])).map((r) => ({ at: r.at.toISOString(), actor: r.actor }));
}
