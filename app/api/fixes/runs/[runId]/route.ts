import { z } from "zod";
import { errorResponse, notFound, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { runById } from "@/lib/store/fix-records";

export const dynamic = "force-dynamic";

/** One fix run: its targets, outcome and verification; 202 while it is still running. */
export const GET = route({ role: "viewer", params: z.object({ runId: z.string().regex(/^[\w-]{1,64}$/) }) }, async ({ params, lantern }) => {
  if (!lantern.records) return errorResponse(503, "unavailable", "fixes need Lantern's store");
  const run = await runById(lantern.records.store, params.runId);
  if (run === undefined) return notFound(`no fix run "${params.runId}"`);
  return run === null ? ok({ runId: params.runId, running: true }, { status: 202 }) : ok(run);
});
