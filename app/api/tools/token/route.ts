import { z } from "zod";
import { notFound, ok, tooManyRequests } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { inspectToken } from "@/lib/tools/inspect-token";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({ token: z.string().min(1).max(16_384), serviceId: z.string().max(200).optional() });

/** Checks a pasted JWT against a service's rules. The token is neither kept, logged nor sent back. */
export const POST = route({ role: "viewer", body: bodySchema }, async ({ body: { token, serviceId }, client, lantern: { estate, jwks, tokenInspections } }) => {
  const allowed = tokenInspections.take(client);
  if (!allowed.allowed) return tooManyRequests(`too many token inspections; try again in ${allowed.retryAfterSeconds} s`, allowed.retryAfterSeconds);
  const service = serviceId ? estate.services.find((s) => s.id === serviceId) : undefined;
  if (serviceId && !service?.tokens) return notFound(`no service "${serviceId}" with token rules in this estate`);
  return ok(await inspectToken(token, service?.tokens, jwks));
});
