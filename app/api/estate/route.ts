import { ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { estateView } from "@/lib/engine/estate-view";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async ({ lantern }) => ok(estateView(lantern)));
