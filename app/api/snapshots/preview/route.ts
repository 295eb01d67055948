import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { snapshotContents } from "@/lib/snapshots/take-snapshot";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({ windowMinutes: z.coerce.number().int().min(1).max(24 * 60).default(15) });

/** What a snapshot taken now would hold, counted, before it is taken. */
export const GET = route({ role: "viewer", query: querySchema }, async ({ query, lantern }) => {
  if (!lantern.records) return errorResponse(503, "unavailable", "snapshots need Lantern's store");
  return ok(await snapshotContents(lantern, query.windowMinutes));
});
