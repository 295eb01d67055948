import "server-only";
import { running } from "@/lib/engine/running-lantern";
import { findSnapshot } from "@/lib/store/snapshots";
import { SNAPSHOT_ID } from "./snapshot-id";

/**
 * When the snapshot behind a /s/<id>… path has expired, the moment it did;
 * undefined otherwise (unknown ids are the page's 404). It reads the running
 * Lantern and never starts one: the proxy's bundle would carry a second copy
 * of the engine. Before Lantern is up, the page answers alone.
 */
export async function snapshotExpiredAt(pathname: string): Promise<Date | undefined> {
  const id = pathname.split("/")[2] ?? "";
  if (!SNAPSHOT_ID.test(id)) return undefined;
  const store = (await running.__lantern)?.records?.store;
  const stored = store ? await findSnapshot(store, id) : undefined;
  return stored?.expiresAt && stored.expiresAt.getTime() <= Date.now() ? stored.expiresAt : undefined;
}
