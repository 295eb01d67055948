import { ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { getLantern } from "@/lib/engine/runtime";

export const dynamic = "force-dynamic";

/** Lantern's own health: up, watching this many things, for this long. */
export const GET = route({}, async () => {
  const { estate, startedAt, live } = getLantern();
  const dependencies = [...estate.dependencies.values()];
  return ok({
    status: "ok",
    estate: estate.name,
    services: estate.services.length,
    dependencies: dependencies.length,
    probes: dependencies.reduce((sum, dependency) => sum + dependency.probes.length, 0),
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    liveClients: live.size,
  });
});
