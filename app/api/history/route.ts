import { z } from "zod";
import { errorResponse, notFound, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { historyOf } from "@/lib/store/history";

export const dynamic = "force-dynamic";

const WINDOWS = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;

const querySchema = z.strictObject({
  dependencyId: z.string().min(1).max(200),
  window: z.enum(["1h", "24h", "7d"]).default("1h"),
});

/** A dependency's probes over the last hour, day or week, one row per probe and minute, from Lantern's store. */
export const GET = route({ role: "viewer", query: querySchema }, async ({ query, lantern }) => {
  const dependency = lantern.estate.dependencies.get(query.dependencyId);
  if (!dependency) return notFound(`no dependency "${query.dependencyId}" in this estate`);
  if (!lantern.records) return errorResponse(503, "unavailable", "this Lantern has no store, so no history");
  // What was read in the last seconds may not be written yet: flush, so the strip ends now.
  lantern.records.history.flush();
  await lantern.records.writes.flush();
  const since = new Date(Date.now() - WINDOWS[query.window]);
  const minutes = await historyOf(lantern.records.store, dependency.probes.map((p) => p.key), since);
  return ok({ dependencyId: dependency.id, window: query.window, since: since.toISOString(), minutes });
});
