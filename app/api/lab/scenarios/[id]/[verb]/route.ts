import { z } from "zod";
import { route } from "@/lib/api/handle-api-error";
import { badRequest } from "@/lib/api/responses";
import { forwardToLab } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/), verb: z.enum(["apply", "revert"]) });

export const POST = route(async (_request: Request, { params }: { params: Promise<{ id: string; verb: string }> }) => {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return badRequest("POST /api/lab/scenarios/<id>/apply or /revert", parsed.error.issues);
  return forwardToLab("POST", `/scenarios/${parsed.data.id}/${parsed.data.verb}`);
});
