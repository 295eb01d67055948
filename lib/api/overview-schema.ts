import { z } from "zod";
import { PROBE_STATUSES, SERVICE_STATUSES } from "@/lib/probe-kit/status";
import { dependencyViewSchema, findingViewSchema } from "./estate-view-schema";

/** A dependency as the estate names it: the same on every load, so the overview sends each distinct one once (its id there is the service's own part). */
export const dependencyIdentitySchema = dependencyViewSchema.pick({ id: true, name: true, kind: true, impact: true, target: true });

/** The overview's picture of a dependency: enough to colour it, name it and group services by what they share. */
export const dependencySummarySchema = dependencyIdentitySchema.extend({
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

/**
 * A service's dependency in the overview as sent: its place in the overview's
 * list of dependencies, bare when it is ok (most are, most of the time), and
 * with its status and reading otherwise.
 */
export const packedDependencySchema = z.union([
  z.number().int().nonnegative(),
  z.object({
    of: z.number().int().nonnegative(),
    status: z.enum(PROBE_STATUSES),
    /** Present while the dependency has a problem. */
    reading: z.string().optional(),
  }),
]);

/** A service as sent: what it shares with most services (a name that is its id, no group, no problems) left out. */
export const packedServiceSchema = serviceSummarySchema.extend({
  name: z.string().optional(),
  group: z.string().optional(),
  problems: z.number().optional(),
  worst: serviceSummarySchema.shape.worst.unwrap().optional(),
  dependencies: z.array(packedDependencySchema),
});

/**
 * GET /api/overview, and the overview page's first picture: every service in a
 * few numbers, and the findings in brief. Each distinct dependency is listed
 * once and services point into that list: a thousand services that use the
 * same four targets carry four descriptions, not four thousand. The page's
 * first load carries it too, so every byte here is one the browser parses
 * before it draws.
 */
export const overviewSchema = z.object({
  generatedAt: z.string(),
  /** Counts the changes announced so far; a live stream opens with the current one, so a page knows whether it missed any. */
  version: z.number(),
  estate: z.string(),
  lab: z.boolean(),
  dependencies: z.array(dependencyIdentitySchema),
  services: z.array(packedServiceSchema),
  findings: z.array(findingBriefSchema),
});

export type DependencyIdentity = z.infer<typeof dependencyIdentitySchema>;
export type DependencySummary = z.infer<typeof dependencySummarySchema>;
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;
export type FindingBrief = z.infer<typeof findingBriefSchema>;
/** The overview as sent (see overviewSchema). */
export type OverviewPayload = z.infer<typeof overviewSchema>;
/** The overview as pages hold it: every service with its dependencies spelled out. */
export type Overview = Omit<OverviewPayload, "dependencies" | "services"> & { services: ServiceSummary[] };
