import type { FindingView, ServiceView } from "./estate-view-schema";

/** GET /api/services/<id>: one service in full, with its findings; what its page draws. */
export interface ServiceDetail {
  generatedAt: string;
  /** As the overview's: the count of changes announced when this was built. */
  version: number;
  service: ServiceView;
  findings: FindingView[];
}
