import { z } from "zod";
import { notFound, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** One service in full, with its findings: what its page draws. */
export const GET = route({ role: "viewer", params: z.object({ id: z.string().max(200) }) }, async ({ params, lantern }) => {
  const detail = lantern.views.service(params.id);
  return detail ? ok(detail) : notFound(`no service "${params.id}" in this estate`);
});
