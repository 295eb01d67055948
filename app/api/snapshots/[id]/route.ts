import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { openSnapshot } from "@/lib/snapshots/open-snapshot";
import { snapshotMarkdown } from "@/lib/snapshots/snapshot-markdown";
import { deleteSnapshot } from "@/lib/store/snapshots";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().max(100) });
const querySchema = z.strictObject({ format: z.enum(["json", "md"]).default("json") });

/** The frozen JSON, exactly as hashed; or Markdown for a ticket. */
export const GET = route({ role: "public", params: paramsSchema, query: querySchema }, async ({ params, query, actor, lantern, request }) => {
  const { snapshot, stored } = await openSnapshot(lantern, params.id, actor);
  const link = new URL(`/s/${stored.id}`, request.url).href;
  if (query.format === "md") {
    return new Response(snapshotMarkdown(snapshot, link, stored.sha256), { headers: { "content-type": "text/markdown; charset=utf-8", "cache-control": "no-store" } });
  }
  return new Response(stored.body, { headers: { "content-type": "application/json", "cache-control": "no-store", "x-lantern-sha256": stored.sha256 } });
});

/** Operators only; the timeline keeps that it was deleted, and by whom. */
export const DELETE = route({ role: "operator", params: paramsSchema }, async ({ params, actor, lantern }) => {
  if (!lantern.records) return errorResponse(503, "unavailable", "snapshots need Lantern's store");
  if (!(await deleteSnapshot(lantern.records.store, params.id))) return errorResponse(404, "not_found", "no such snapshot");
  lantern.records.timeline.record([
    { at: new Date().toISOString(), kind: "snapshot-deleted", serviceId: null, dependencyId: null, findingKey: null, severity: null, status: null, previousStatus: null, summary: `${actor!.name} deleted a snapshot`, actor: actor!.name, role: actor!.role, data: { snapshotId: params.id } },
  ]);
  return ok({ deleted: params.id });
});
