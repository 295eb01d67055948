import { route } from "@/lib/api/handle-api-error";
import { badRequest, ok } from "@/lib/api/responses";
import { getLantern } from "@/lib/engine/runtime";
import { lookupError } from "@/lib/tools/lookup-error";

export const dynamic = "force-dynamic";

/** GET /api/tools/errors?q=<error message or code>: the known problems it points to, best first. */
export const GET = route(async (request: Request) => {
  const query = new URL(request.url).searchParams.get("q") ?? "";
  if (query.length > 2_000) return badRequest("paste at most 2,000 characters");
  const { estate, findings } = getLantern();
  return ok({ query, results: lookupError(query, estate, findings.list()) });
});
