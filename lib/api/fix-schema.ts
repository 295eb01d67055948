import { z } from "zod";

export const OUTCOMES = ["verified", "not-verified", "failed"] as const;
export type FixRunOutcome = (typeof OUTCOMES)[number];

export const fixTargetSchema = z.object({ id: z.string(), label: z.string(), details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) });

/** POST /api/fixes/preview answers this: exactly what an execute would touch, for two minutes. */
export const fixPreviewSchema = z.object({
  previewId: z.string(),
  fixId: z.string(),
  title: z.string(),
  dependencyId: z.string(),
  risk: z.enum(["safe", "caution", "destructive"]),
  summary: z.string(),
  targets: z.array(fixTargetSchema),
  /** Destructive fixes: the name to type. */
  confirm: z.object({ type: z.literal("type-name"), expected: z.string() }).nullable(),
  /** Caution fixes: the question to answer before acting. */
  ask: z.string().nullable(),
  expiresAt: z.string(),
});

/** POST /api/fixes/execute answers this, and the same idempotency key answers it again. */
export const fixRunSchema = z.object({
  runId: z.string(),
  fixId: z.string(),
  dependencyId: z.string(),
  outcome: z.enum(OUTCOMES),
  summary: z.string(),
  targets: z.array(fixTargetSchema),
  verification: z.object({
    /** True when no finding this fix cures is raised on the dependency after its probes ran again. */
    findingCleared: z.boolean(),
    results: z.array(z.object({ probe: z.string(), status: z.string(), summary: z.string(), checkedAt: z.string() })),
  }),
  actor: z.string(),
  durationMs: z.number(),
  finishedAt: z.string(),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  /** preview, execute, or refused (a request that was turned down, and why). */
  action: z.enum(["preview", "execute", "refused"]),
  fixId: z.string(),
  dependencyId: z.string(),
  findingKey: z.string().nullable(),
  runId: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  targets: z.array(fixTargetSchema),
  outcome: z.string(),
  reason: z.string().nullable(),
  verification: z.unknown().nullable(),
  durationMs: z.number().nullable(),
});

export type FixPreviewView = z.infer<typeof fixPreviewSchema>;
export type FixRunView = z.infer<typeof fixRunSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
