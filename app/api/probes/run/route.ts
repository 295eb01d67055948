import { z } from "zod";
import { notFound, ok, tooManyRequests } from "@/lib/api/responses";
import { route } from "@/lib/api/route";

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
  return ok({ dependencyId, outcome: answer.outcome, ...lantern.views.service(dependency.serviceId)! });
});
