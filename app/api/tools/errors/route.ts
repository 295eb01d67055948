import { z } from "zod";
import { ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { lookupError } from "@/lib/tools/lookup-error";

export const dynamic = "force-dynamic";

const querySchema = z.object({ q: z.string().max(2_000, { error: "paste at most 2,000 characters" }).default("") });

/** GET /api/tools/errors?q=<error message or code>: the known problems it points to, best first. */
export const GET = route({ role: "viewer", query: querySchema }, async ({ query: { q }, lantern: { estate, findings } }) => {
  return ok({ query: q, results: lookupError(q, estate, findings.list()) });
});
