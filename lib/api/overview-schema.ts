import { z } from "zod";
import { PROBE_STATUSES, SERVICE_STATUSES } from "@/lib/probe-kit/status";
import { dependencyViewSchema, findingViewSchema } from "./estate-view-schema";

/** The overview's picture of a dependency: enough to colour it, name it and group services by what they share. */
export const dependencySummarySchema = dependencyViewSchema.pick({ id: true, name: true, kind: true, impact: true, target: true }).extend({
  status: z.enum(PROBE_STATUSES),
  /** The worst reading in words, while one is a problem. */
  reading: z.string().nullable(),
});

/** A service as the overview draws it; sent again only when one of these values changes. */
export const serviceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.string().nullable(),
  status: z.enum(SERVICE_STATUSES),
  problems: z.number(),
  worst: z.object({ dependency: z.string(), status: z.enum(PROBE_STATUSES), summary: z.string() }).nullable(),
  dependencies: z.array(dependencySummarySchema),
});

/** A finding without its runbook: what the overview names; the service page has the rest. */
export const findingBriefSchema = findingViewSchema.pick({ key: true, id: true, severity: true, serviceId: true, dependencyId: true, title: true, summary: true, since: true, explainedBy: true });

/** GET /api/overview: every service in a few numbers, and the findings in brief. */
export const overviewSchema = z.object({
  generatedAt: z.string(),
  /** Counts the changes announced so far; a live stream opens with the current one, so a page knows whether it missed any. */
  version: z.number(),
  estate: z.string(),
  lab: z.boolean(),
  services: z.array(serviceSummarySchema),
  findings: z.array(findingBriefSchema),
});

export type DependencySummary = z.infer<typeof dependencySummarySchema>;
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;
export type FindingBrief = z.infer<typeof findingBriefSchema>;
export type Overview = z.infer<typeof overviewSchema>;
