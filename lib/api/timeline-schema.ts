import { z } from "zod";

/** What the timeline records: status changes, findings, and (later) fixes and snapshots. */
export const TIMELINE_KINDS = ["dependency-status", "service-status", "finding-raised", "finding-changed", "finding-cleared", "fix", "snapshot", "snapshot-deleted", "session"] as const;

export const timelineEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  serviceId: z.string().nullable(),
  dependencyId: z.string().nullable(),
  findingKey: z.string().nullable(),
  severity: z.enum(["warn", "crit"]).nullable(),
  status: z.string().nullable(),
  previousStatus: z.string().nullable(),
  summary: z.string(),
  /** Who did it: "lantern" for what the engine saw, a person's name for what they did. */
  actor: z.string().nullable(),
  role: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const timelinePageSchema = z.object({
  entries: z.array(timelineEntrySchema),
  /** Pass as `before` for the next, older page; null on the last page. */
  next: z.number().nullable(),
});

export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export type TimelinePage = z.infer<typeof timelinePageSchema>;
