import "server-only";
import { notFound } from "next/navigation";
import { callerOfPage } from "@/lib/access/page-access";
import { isRequestError } from "@/lib/api/request-error";
import type { Snapshot } from "@/lib/api/snapshot-schema";
import { openSnapshot } from "./open-snapshot";

/** A snapshot for its pages: sign-in as the estate asks, 404 for anything that is not one (an expired one is answered 410 before the page). */
export async function snapshotOfPage(id: string): Promise<{ snapshot: Snapshot; sha256: string }> {
  const { lantern, actor, signIn } = await callerOfPage();
  try {
    const { snapshot, stored } = await openSnapshot(lantern, id, actor);
    return { snapshot, sha256: stored.sha256 };
  } catch (error) {
    if (isRequestError(error) && error.status === 401) signIn();
    if (isRequestError(error)) notFound();
    throw error;
  }
}
