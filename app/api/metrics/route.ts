import { route } from "@/lib/api/route";
import { getLantern } from "@/lib/engine/runtime";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => {
  const { registry } = getLantern().metrics;
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
