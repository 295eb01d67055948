import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { listAudit } from "@/lib/store/fix-records";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  dependencyId: z.string().max(200).optional(),
  serviceId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Every fix attempt, newest first: previews, runs and refusals, with who, what, on what, and how it ended. */
export const GET = route({ role: "viewer", query: querySchema }, async ({ query, lantern }) => {
  if (!lantern.records) return errorResponse(503, "unavailable", "the audit log lives in Lantern's store");
  const service = query.serviceId ? lantern.estate.services.find((s) => s.id === query.serviceId) : undefined;
  const dependencyIds = service ? service.dependencies.map((d) => d.id) : query.dependencyId ? [query.dependencyId] : undefined;
  return ok(await listAudit(lantern.records.store, { limit: query.limit, ...(query.before ? { before: query.before } : {}), ...(dependencyIds ? { dependencyIds } : {}) }));
});
