import "server-only";
import { SNAPSHOT_ID } from "@/lib/api/snapshot-schema";
import { getLantern } from "@/lib/engine/runtime";
import { findSnapshot } from "@/lib/store/snapshots";

/** When the snapshot behind a /s/<id>… path has expired, the moment it did; undefined otherwise (unknown ids are the page's 404). */
export async function snapshotExpiredAt(pathname: string): Promise<Date | undefined> {
  const id = pathname.split("/")[2] ?? "";
  if (!SNAPSHOT_ID.test(id)) return undefined;
  const store = (await getLantern()).records?.store;
  const stored = store ? await findSnapshot(store, id) : undefined;
  return stored?.expiresAt && stored.expiresAt.getTime() <= Date.now() ? stored.expiresAt : undefined;
}
