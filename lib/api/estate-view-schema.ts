import { z } from "zod";
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
  status: z.enum(SERVICE_STATUSES),
  dependencies: z.array(dependencyViewSchema),
});

export const estateViewSchema = z.object({
  generatedAt: z.string(),
  estate: z.string(),
  /** True when this Lantern runs beside the lab (the demo): the Lab page exists. */
  lab: z.boolean(),
  services: z.array(serviceViewSchema),
  findings: z.array(z.unknown()),
});

export type ProbeView = z.infer<typeof probeViewSchema>;
export type DependencyView = z.infer<typeof dependencyViewSchema>;
export type ServiceView = z.infer<typeof serviceViewSchema>;
export type EstateView = z.infer<typeof estateViewSchema>;
