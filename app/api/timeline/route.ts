import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { listTimeline } from "@/lib/store/timeline";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional().describe("Only what happened at or after this moment"),
  before: z.coerce.number().int().positive().optional().describe("The `next` of the previous page"),
  serviceId: z.string().max(200).optional(),
  dependencyId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** What happened, newest first, a page at a time: status changes and findings raised, changed or cleared. */
export const GET = route({ role: "viewer", query: querySchema }, async ({ query, lantern }) => {
  if (!lantern.records) return errorResponse(503, "unavailable", "this Lantern has no store, so no timeline");
  return ok(await listTimeline(lantern.records.store, query));
});
