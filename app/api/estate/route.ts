import { ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { estateView } from "@/lib/engine/estate-view";
import { getLantern } from "@/lib/engine/runtime";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => ok(estateView(getLantern())));
