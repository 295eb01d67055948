import type { FindingView } from "./estate-view-schema";
import type { FindingBrief } from "./overview-schema";

/** What the overview names of a finding: the runbook stays on the service page. */
export const briefOfFinding = ({ key, id, severity, serviceId, dependencyId, title, summary, since, explainedBy }: FindingView): FindingBrief => ({
  key,
  id,
  severity,
  serviceId,
  dependencyId,
  title,
  summary,
  since,
  explainedBy,
});
