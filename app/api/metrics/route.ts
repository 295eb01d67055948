import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async ({ lantern }) => {
  const { registry } = lantern.metrics;
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
