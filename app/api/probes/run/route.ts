import { z } from "zod";
import { notFound, ok, tooManyRequests } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { serviceView } from "@/lib/engine/estate-view";
import { findingViews } from "@/lib/engine/finding-view";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({ dependencyId: z.string().min(1).max(200) });

/** "Probe now" for one dependency; concurrent requests share one run. */
export const POST = route({ role: "operator", body: bodySchema }, async ({ body: { dependencyId }, client, lantern }) => {
  const { estate, manualRuns } = lantern;
  const dependency = estate.dependencies.get(dependencyId);
  if (!dependency) return notFound(`no dependency "${dependencyId}" in this estate`);

  const answer = manualRuns.request(dependency, client);
  if (answer.outcome === "limited") {
    return tooManyRequests(`too many manual probe runs; try again in ${answer.retryAfterSeconds} s`, answer.retryAfterSeconds);
  }
  await answer.results;
  const service = estate.services.find((s) => s.id === dependency.serviceId)!;
  return ok({
    dependencyId,
    outcome: answer.outcome,
    service: serviceView(estate, service, lantern.results),
    findings: findingViews(estate, lantern.findings.forService(service.id)),
  });
});
