import { z } from "zod";
import { parseDuration } from "@/lib/probe-kit/duration";

/** How the estate lets snapshots be shared and kept. */
export const snapshotPolicySchema = z
  .strictObject({
    public: z.boolean().default(false).describe("true: the link alone opens a snapshot, as a Grafana snapshot link does; false: the same sign-in as the live pages"),
    maxExpiry: z
      .string()
      .regex(/^\d+(?:\.\d+)?(ms|s|m|h|d)$/, { error: 'a duration such as "7d" or "30d"' })
      .default("30d")
      .describe("The longest a snapshot may be kept"),
    allowNever: z.boolean().default(false).describe('true: a snapshot may be taken with expiresIn "never"'),
  })
  .describe("Incident snapshots: who may open a link, and how long one may be kept");

export type SnapshotPolicy = z.output<typeof snapshotPolicySchema>;

/** An expiry as asked ("7d", "2s", "never") checked against the policy: milliseconds, null for never, or why not. */
export function expiryOf(asked: string, policy: SnapshotPolicy): { ms: number | null } | { refused: string } {
  if (asked === "never") return policy.allowNever ? { ms: null } : { refused: 'this estate does not allow snapshots that never expire (snapshots.allowNever)' };
  const ms = parseDuration(asked);
  if (ms === undefined || ms <= 0) return { refused: `"${asked}" is not a duration such as "7d" or "12h"` };
  const max = parseDuration(policy.maxExpiry)!;
  return ms > max ? { refused: `snapshots here are kept at most ${policy.maxExpiry} (snapshots.maxExpiry)` } : { ms };
}
