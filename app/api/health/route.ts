import { ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Lantern's own health, for load balancers (anyone) and people (what it watches, for viewers). */
export const GET = route({ role: "public" }, async ({ actor, lantern: { estate, startedAt, live, records, replication } }) => {
  const dependencies = [...estate.dependencies.values()];
  const store = records ? { backend: records.store.backend, reachable: records.writes.storeReachable, bufferedWrites: records.writes.size } : null;
  return ok({
    status: "ok",
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    store,
    ...(actor
      ? {
          estate: estate.name,
          services: estate.services.length,
          dependencies: dependencies.length,
          probes: dependencies.reduce((sum, dependency) => sum + dependency.probes.length, 0),
          liveClients: live.size,
          // Which replica schedules, for whoever runs several: one of them says true.
          ...(replication ? { replica: { id: replication.replica, scheduling: replication.scheduling } } : {}),
        }
      : {}),
  });
});
