import { z } from "zod";
import { breakerSchema } from "./breakers";

/**
 * What a probe gives the service page's panels, in shapes that name no probe:
 * a queue (a Redis list, a JetStream consumer or stream), circuit breakers, or
 * who holds a database's connections. Components draw these and nothing else.
 */
export const queueViewSchema = z.object({
  name: z.string(),
  /** "redis list", "JetStream consumer"… */
  kind: z.string(),
  depth: z.number(),
  warnAt: z.number().optional(),
  critAt: z.number().optional(),
  /** In words: "growing 306/s, crit in 2 min". */
  forecast: z.string().optional(),
  details: z.array(z.string()),
  lastActive: z.string().nullable().optional(),
});

/** A breaker as the panel draws it: the one shape every source is read into. */
export const breakerViewSchema = breakerSchema;

export const connectionsViewSchema = z.object({
  inUse: z.number(),
  usable: z.number(),
  byState: z.record(z.string(), z.number()),
  byApplication: z.array(z.object({ application: z.string(), connections: z.number(), idle: z.number(), idleLong: z.number() })),
  idleMinutes: z.number().optional(),
});

export const panelViewSchema = z.object({
  queue: queueViewSchema.optional(),
  breakers: z.array(breakerViewSchema).optional(),
  connections: connectionsViewSchema.optional(),
});

export type QueueView = z.infer<typeof queueViewSchema>;
export type BreakerView = z.infer<typeof breakerViewSchema>;
export type ConnectionsView = z.infer<typeof connectionsViewSchema>;
export type PanelView = z.infer<typeof panelViewSchema>;
