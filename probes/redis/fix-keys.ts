import type { RedisClient } from "@/lib/clients/redis";
import type { FixContext, FixPreview, FixSource, FixTarget } from "@/lib/probe-kit/define-fix";
import { formatAge } from "@/lib/probe-kit/format";
import { perKey, scanKeys } from "./scan-keys";

/** What a key fix knows of one key: its type (the identity that matters) and its TTL (-1: never expires). */
export interface KeyFacts {
  key: string;
  type: string;
  ttl: number;
}

/** Keys per script run: a batch blocks Redis for well under a millisecond. */
const BATCH = 500;

/** The pattern the keys probe scanned, and how far, from a finding it raised; undefined when no key lingers without a TTL. */
export function neverExpiringKeysOf({ evidence, probeParams }: FixSource): { pattern: string; maxScan?: number } | undefined {
  const pattern = evidence.pattern ?? probeParams.pattern;
  if (typeof pattern !== "string" || !(Number(evidence.withoutTtl) > 0)) return undefined;
  return { pattern, ...(typeof probeParams.maxScan === "number" ? { maxScan: probeParams.maxScan } : {}) };
}

/** Each key's type and TTL, sorted by name so that two reads of the same keys compare equal; keys that are gone are left out. */
export async function readKeys(redis: RedisClient, keys: string[]): Promise<KeyFacts[]> {
  const sorted = [...keys].sort();
  const replies = await perKey(redis, sorted, ["type", "ttl"]);
  return replies.map(([type, ttl], i) => ({ key: sorted[i]!, type: String(type), ttl: Number(ttl) })).filter((facts) => facts.type !== "none");
}

/** The keys of a pattern, by bounded SCAN, with their facts; only those that never expire when asked. */
export async function keysOfPattern(
  redis: RedisClient,
  pattern: string,
  options: { maxScan: number; neverExpiring: boolean },
  signal: AbortSignal,
): Promise<{ keys: KeyFacts[]; complete: boolean }> {
  const scanned = await scanKeys(redis, pattern, options.maxScan, signal);
  const keys = await readKeys(redis, scanned.keys);
  return { keys: options.neverExpiring ? keys.filter((facts) => facts.ttl === -1) : keys, complete: scanned.complete };
}

/** "never expires", "expires in 4 min" */
export const expiryWords = (ttl: number) => (ttl === -1 ? "never expires" : `expires in ${formatAge(ttl * 1000)}`);

/**
 * A preview of keys to act on. Its state is who the keys are — names and
 * types — and what chose them, never their TTLs, which tick down every second.
 */
export function keysPreview(summary: string, keys: KeyFacts[], chosenBy: Record<string, unknown>): FixPreview {
  const targets: FixTarget[] = keys.map((facts) => ({
    id: facts.key,
    label: `${facts.key} · ${facts.type} · ${expiryWords(facts.ttl)}`,
    details: { key: facts.key, type: facts.type, ttl: facts.ttl === -1 ? "none" : formatAge(facts.ttl * 1000) },
  }));
  return { summary, targets, state: { ...chosenBy, keys: keys.map((facts) => [facts.key, facts.type]) } };
}

/** "1,200": counts as people read them. */
export const count = (n: number) => n.toLocaleString("en-US");

/** "3 keys of user_status:*" */
export function keysWords(n: number, pattern: string): string {
  return `${count(n)} key${n === 1 ? "" : "s"} of ${pattern}`;
}

/** "; 2 had changed or gone since the preview and were left alone", or nothing when every target was touched. */
export function leftAlone(targets: number, touched: number): string {
  const left = targets - touched;
  return left === 0 ? "" : `; ${count(left)} had changed or gone since the preview and ${left === 1 ? "was" : "were"} left alone`;
}

/**
 * Acts on each key only while it is as the preview saw it — the same type, and
 * still without a TTL when that is what made it a target — checked and done
 * inside one script, so no write can slip in between.
 * KEYS: the keys; ARGV: action ("expire" | "unlink"), seconds, "1" when only never-expiring keys, then each key's type.
 */
const ACT_WHILE_UNCHANGED = `
local done = 0
for i, key in ipairs(KEYS) do
  if redis.call('TYPE', key)['ok'] == ARGV[i + 3] and (ARGV[3] == '0' or redis.call('TTL', key) == -1) then
    if ARGV[1] == 'unlink' then redis.call('UNLINK', key) else redis.call('EXPIRE', key, ARGV[2]) end
    done = done + 1
  end
end
return done`;

export type KeyAction = { command: "expire"; seconds: number } | { command: "unlink" };

/** Gives the target keys a TTL or deletes them (UNLINK frees big values in the background), batch by batch, saying how far it got. */
export async function actOnKeys(
  redis: RedisClient,
  targets: FixTarget[],
  action: KeyAction,
  options: { neverExpiringOnly: boolean; progress: (done: number) => string },
  context: FixContext,
): Promise<number> {
  let touched = 0;
  for (let i = 0; i < targets.length; i += BATCH) {
    if (context.signal.aborted) throw context.signal.reason;
    const batch = targets.slice(i, i + BATCH);
    const seconds = action.command === "expire" ? String(action.seconds) : "0";
    const args = [action.command, seconds, options.neverExpiringOnly ? "1" : "0", ...batch.map((t) => String(t.details.type))];
    touched += Number(await redis.eval(ACT_WHILE_UNCHANGED, batch.length, ...batch.map((t) => t.id), ...args));
    if (i + BATCH < targets.length) context.progress(options.progress(i + batch.length));
  }
  return touched;
}
