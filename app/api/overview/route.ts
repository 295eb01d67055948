import { ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Every service in a few numbers, and the findings in brief: what the overview draws, kept current by the engine. */
export const GET = route({ role: "viewer" }, async ({ lantern }) => ok(lantern.views.overview()));
