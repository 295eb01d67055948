import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({
  previewId: z.string().min(1).max(100),
  idempotencyKey: z.string().min(8).max(200).describe("The same key answers the first run's result again and runs nothing"),
  confirm: z.string().max(300).optional(),
});

/** Executes a preview: refused when the world changed since, verified by probing again, audited. */
export const POST = route({ role: "operator", body: bodySchema }, async ({ body, actor, lantern }) => {
  if (!lantern.fixes) return errorResponse(503, "unavailable", "fixes need Lantern's store");
  return ok(await lantern.fixes.execute(body, actor!));
});
