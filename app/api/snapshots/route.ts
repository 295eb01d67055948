import { z } from "zod";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { expiryOf } from "@/lib/snapshots/snapshot-policy";
import { takeSnapshot } from "@/lib/snapshots/take-snapshot";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  notes: z.string().max(20_000).optional(),
  windowMinutes: z.number().int().min(1).max(24 * 60).default(15),
  expiresIn: z.string().max(20).default("7d"),
});

/** Freezes the picture now into an immutable, redacted, hashed snapshot, and answers its link. */
export const POST = route({ role: "viewer", body: bodySchema }, async ({ body, actor, lantern }) => {
  if (!lantern.records) return errorResponse(503, "unavailable", "snapshots need Lantern's store");
  const expiry = expiryOf(body.expiresIn, lantern.estate.snapshots);
  if ("refused" in expiry) return errorResponse(400, "bad_request", expiry.refused);
  const created = await takeSnapshot(lantern, { title: body.title, ...(body.notes ? { notes: body.notes } : {}), windowMinutes: body.windowMinutes, expiresInMs: expiry.ms }, actor!);
  return ok(created, { status: 201 });
});
