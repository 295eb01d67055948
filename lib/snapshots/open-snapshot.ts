import "server-only";
import type { Actor } from "@/lib/access/actor";
import { RequestError } from "@/lib/api/request-error";
import type { Snapshot } from "@/lib/api/snapshot-schema";
import type { Lantern } from "@/lib/engine/runtime";
import { findSnapshot, recordRead, type StoredSnapshot } from "@/lib/store/snapshots";
import { SNAPSHOT_ID } from "./snapshot-id";

/**
 * A snapshot to show: unknown, malformed or guessed ids (":id", "%3Aid") are
 * one 404, an expired one is 410, and a closed estate needs a signed-in
 * viewer. Each read is recorded, for the operators.
 */
export async function openSnapshot(lantern: Lantern, id: string, actor: Actor | null): Promise<{ snapshot: Snapshot; stored: StoredSnapshot }> {
  if (!lantern.estate.snapshots.public && !actor) throw new RequestError(401, "unauthorized", "sign in to read this snapshot");
  const store = lantern.records?.store;
  const stored = SNAPSHOT_ID.test(id) && store ? await findSnapshot(store, id) : undefined;
  if (!stored) throw new RequestError(404, "not_found", "no such snapshot");
  if (stored.expiresAt && stored.expiresAt.getTime() <= Date.now()) throw new RequestError(410, "expired", `this snapshot expired at ${stored.expiresAt.toISOString()}`);
  await recordRead(store!, id, actor?.name ?? "anyone with the link", new Date());
  return { snapshot: JSON.parse(stored.body) as Snapshot, stored };
}
