import { z } from "zod";
import { estateViewSchema } from "./estate-view-schema";
import { auditEntrySchema } from "./fix-schema";
import { timelineEntrySchema } from "./timeline-schema";

const historyMinuteSchema = z.object({
  probeKey: z.string(),
  minute: z.string(),
  worst: z.string(),
  summary: z.string(),
  series: z.number().nullable(),
  latencyMin: z.number(),
  latencyMax: z.number(),
  runs: z.number(),
});

/** A snapshot as stored and served: everything its pages need, frozen, redacted, hashed. */
export const snapshotSchema = z.object({
  id: z.string(),
  title: z.string(),
  notes: z.string(),
  takenBy: z.object({ name: z.string(), role: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  windowMinutes: z.number(),
  lanternVersion: z.string(),
  estate: estateViewSchema,
  history: z.array(historyMinuteSchema),
  timeline: z.array(timelineEntrySchema),
  fixes: z.array(auditEntrySchema),
});

export type Snapshot = z.infer<typeof snapshotSchema>;

/** POST /api/snapshots answers this. */
export interface SnapshotCreated {
  id: string;
  url: string;
  sha256: string;
  createdAt: string;
  expiresAt: string | null;
  bytes: number;
}
