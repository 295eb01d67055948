import { z } from "zod";
import { panelViewSchema } from "@/lib/probe-kit/panel-view";
import { PROBE_STATUSES, SERVICE_STATUSES } from "@/lib/probe-kit/status";

/** The shapes of GET /api/estate and the SSE events: shared by route handlers, the browser and tests. */
export const probeViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  status: z.enum(PROBE_STATUSES),
  summary: z.string(),
  latencyMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  checkedAt: z.string().nullable(),
  intervalMs: z.number(),
  timeoutMs: z.number(),
  data: z.unknown(),
  cli: z.string(),
  /** The probe's number over the history window (queue depth…), oldest first, for probes that draw one. */
  series: z.array(z.object({ t: z.string(), v: z.number() })).optional(),
  /** What the service page's panels draw from the latest reading (a queue, breakers, connections). */
  panels: panelViewSchema.optional(),
});

export const dependencyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["postgres", "redis", "nats", "http"]),
  impact: z.enum(["critical", "degraded"]),
  target: z.string(),
  status: z.enum(PROBE_STATUSES),
  probes: z.array(probeViewSchema),
});

export const serviceViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  group: z.string().optional(),
  status: z.enum(SERVICE_STATUSES),
  dependencies: z.array(dependencyViewSchema),
});

export const findingViewSchema = z.object({
  /** "<dependency>/<finding id>" */
  key: z.string(),
  id: z.string(),
  severity: z.enum(["warn", "crit"]),
  serviceId: z.string(),
  dependencyId: z.string(),
  title: z.string(),
  summary: z.string(),
  since: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  runbook: z.object({ cause: z.string(), steps: z.array(z.string()), commands: z.array(z.string()) }),
  /** The guided fixes it offers, with the parameters it fills from what it saw. */
  fixes: z.array(z.object({ id: z.string(), title: z.string(), risk: z.enum(["safe", "caution", "destructive"]), params: z.record(z.string(), z.unknown()) })),
  /** The key of the finding that explains this one (its cause), when both are raised. */
  explainedBy: z.string().nullable(),
});

export const estateViewSchema = z.object({
  generatedAt: z.string(),
  estate: z.string(),
  /** True when this Lantern runs beside the lab (the demo): the Lab page exists. */
  lab: z.boolean(),
  services: z.array(serviceViewSchema),
  findings: z.array(findingViewSchema),
});

export type ProbeView = z.infer<typeof probeViewSchema>;
export type DependencyView = z.infer<typeof dependencyViewSchema>;
export type ServiceView = z.infer<typeof serviceViewSchema>;
export type EstateView = z.infer<typeof estateViewSchema>;
export type FindingView = z.infer<typeof findingViewSchema>;
