import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({
  dependencyId: z.string().min(1).max(200),
  fixId: z.string().min(1).max(100),
  findingKey: z.string().max(300).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** What a fix would touch, exactly, and a previewId to execute it with in the next two minutes. */
export const POST = route({ role: "operator", body: bodySchema }, async ({ body, actor, lantern }) => {
  if (!lantern.fixes) return errorResponse(503, "unavailable", "fixes need Lantern's store");
  return ok(await lantern.fixes.preview(body, actor!));
});
