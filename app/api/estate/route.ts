import { route } from "@/lib/api/handle-api-error";
import { ok } from "@/lib/api/responses";
import { estateView } from "@/lib/engine/estate-view";
import { getLantern } from "@/lib/engine/runtime";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  return ok(estateView(getLantern()));
});
