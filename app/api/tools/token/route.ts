import { z } from "zod";
import { route } from "@/lib/api/handle-api-error";
import { parseJsonBody } from "@/lib/api/parse-request";
import { notFound, ok } from "@/lib/api/responses";
import { getLantern } from "@/lib/engine/runtime";
import { inspectToken } from "@/lib/tools/inspect-token";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({ token: z.string().min(1).max(16_384), serviceId: z.string().max(200).optional() });

/** Checks a pasted JWT against a service's rules. The token is neither kept, logged nor sent back. */
export const POST = route(async (request: Request) => {
  const { token, serviceId } = await parseJsonBody(request, bodySchema);
  const service = serviceId ? getLantern().estate.services.find((s) => s.id === serviceId) : undefined;
  if (serviceId && !service?.tokens) return notFound(`no service "${serviceId}" with token rules in this estate`);
  return ok(await inspectToken(token, service?.tokens));
});
