import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { readsOf } from "@/lib/store/snapshots";

export const dynamic = "force-dynamic";

/** Who opened a snapshot, and when: for operators. */
export const GET = route({ role: "operator", params: z.object({ id: z.string().max(100) }) }, async ({ params, lantern }) => {
  if (!lantern.records) return errorResponse(503, "unavailable", "snapshots need Lantern's store");
  return ok({ id: params.id, reads: await readsOf(lantern.records.store, params.id) });
});
