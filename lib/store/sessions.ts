import "server-only";
import type { Role } from "@/lib/access/access-schema";
import type { Queryable } from "./store";

export interface SessionRow {
  idHash: string;
  actor: string;
  role: Role;
  csrfToken: string;
  lastSeen: Date;
}

export async function insertSession(db: Queryable, session: SessionRow): Promise<void> {
  await db.query("INSERT INTO sessions (id_hash, actor, role, csrf_token, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $5)", [
    session.idHash,
    session.actor,
    session.role,
    session.csrfToken,
    session.lastSeen,
  ]);
}

/** The session, if it was seen after `idleSince`. */
export async function findSession(db: Queryable, idHash: string, idleSince: Date): Promise<SessionRow | undefined> {
  const row = (
    await db.query<{ id_hash: string; actor: string; role: Role; csrf_token: string; last_seen: Date }>(
      "SELECT id_hash, actor, role, csrf_token, last_seen FROM sessions WHERE id_hash = $1 AND last_seen > $2",
      [idHash, idleSince],
    )
  )[0];
  return row && { idHash: row.id_hash, actor: row.actor, role: row.role, csrfToken: row.csrf_token, lastSeen: row.last_seen };
}

export async function touchSession(db: Queryable, idHash: string, at: Date): Promise<void> {
  await db.query("UPDATE sessions SET last_seen = $2 WHERE id_hash = $1", [idHash, at]);
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query("DELETE FROM sessions WHERE id_hash = $1", [idHash]);
}

export async function pruneSessions(db: Queryable, idleSince: Date): Promise<number> {
  return (await db.query<{ n: number }>("WITH gone AS (DELETE FROM sessions WHERE last_seen <= $1 RETURNING 1) SELECT count(*)::integer AS n FROM gone", [idleSince]))[0]?.n ?? 0;
}
