import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { above, plain } from "@/lib/probe-kit/bounds";
import { formatAge } from "@/lib/probe-kit/format";
import { actOnKeys, count, expiryWords, keysOfPattern, keysPreview, keysWords, leftAlone, neverExpiringKeysOf, readKeys } from "./fix-keys";
import { maxScanParam, perKey, scanKeys } from "./scan-keys";
import { countThreshold } from "./verdicts";

/** " (the scan stopped after 10,000 keys: there may be more)" when a bounded scan did not reach the end. */
const partial = (complete: boolean, maxScan: number) => (complete ? "" : ` (the scan stopped after ${count(maxScan)} keys: there may be more)`);

export const expireKeys = defineFix({
  id: "redis.expire-keys",
  title: "Give never-expiring keys a TTL",
  kind: "redis",
  risk: "caution",
  ask: "These keys disappear when the TTL runs out: will the services rebuild them, as they do a cache?",
  params: z.strictObject({
    pattern: z.string().min(1).describe("The SCAN pattern whose keys without a TTL get one"),
    seconds: z.number().int().positive().describe("The TTL they get, in seconds"),
    maxScan: maxScanParam,
  }),
  paramsFrom: (source) => {
    const scanned = neverExpiringKeysOf(source);
    const seconds = source.probeParams.maxTtlSeconds;
    return scanned && typeof seconds === "number" ? { ...scanned, seconds } : undefined;
  },
  async preview(redis, { pattern, seconds, maxScan }, { signal }) {
    const { keys, complete } = await keysOfPattern(redis, pattern, { maxScan, neverExpiring: true }, signal);
    const summary = keys.length
      ? `give ${keysWords(keys.length, pattern)} that never expire a TTL of ${formatAge(seconds * 1000)}${partial(complete, maxScan)}`
      : `no key of ${pattern} is without a TTL: nothing to change${partial(complete, maxScan)}`;
    return keysPreview(summary, keys, { pattern });
  },
  async execute(redis, { pattern, seconds }, targets, context) {
    const progress = (done: number) => `gave a TTL to ${count(done)} of ${count(targets.length)} keys`;
    const touched = await actOnKeys(redis, targets, { command: "expire", seconds }, { neverExpiringOnly: true, progress }, context);
    return { summary: `gave ${count(touched)} of ${keysWords(targets.length, pattern)} a TTL of ${formatAge(seconds * 1000)}${leftAlone(targets.length, touched)}`, touched };
  },
  verify: ["redis.keys"],
  cooldownMs: 30_000,
  maxTargets: 10_000,
});

export const deleteKeys = defineFix({
  id: "redis.delete-keys",
  title: "Delete keys",
  kind: "redis",
  risk: "destructive",
  params: z
    .strictObject({
      key: z.string().min(1).optional().describe('One key to delete, as the runbook\'s DEL "user_status:<auth_id>"; when given, the pattern is not used'),
      pattern: z.string().min(1).optional().describe("Or the keys of this SCAN pattern"),
      neverExpiring: z.boolean().default(false).describe("Only the pattern's keys that have no TTL"),
      maxScan: maxScanParam,
    })
    .refine((params) => params.key !== undefined || params.pattern !== undefined, "name a key or a pattern"),
  paramsFrom: (source) => {
    const scanned = neverExpiringKeysOf(source);
    return scanned && { ...scanned, neverExpiring: true };
  },
  async preview(redis, { key, pattern, neverExpiring, maxScan }, { signal }) {
    if (key !== undefined) {
      const keys = await readKeys(redis, [key]);
      const summary = keys[0] ? `delete ${key} (${keys[0].type}, ${expiryWords(keys[0].ttl)})` : `no key ${key}: nothing to delete`;
      return { ...keysPreview(summary, keys, { key }), confirm: key };
    }
    const { keys, complete } = await keysOfPattern(redis, pattern!, { maxScan, neverExpiring }, signal);
    const which = `${neverExpiring ? " that never expire" : ""}${partial(complete, maxScan)}`;
    const summary = keys.length ? `delete ${keysWords(keys.length, pattern!)}${which}` : `no key of ${pattern}${which}: nothing to delete`;
    return { ...keysPreview(summary, keys, { pattern, neverExpiring }), confirm: pattern };
  },
  async execute(redis, { key, pattern, neverExpiring }, targets, context) {
    // A named key goes whatever its TTL: the runbook deletes it because its value is stale.
    const neverExpiringOnly = key === undefined && neverExpiring;
    const progress = (done: number) => `deleted ${count(done)} of ${count(targets.length)} keys`;
    const touched = await actOnKeys(redis, targets, { command: "unlink" }, { neverExpiringOnly, progress }, context);
    const deleted = key === undefined ? `deleted ${count(touched)} of ${keysWords(targets.length, pattern!)}` : touched ? `deleted ${key}` : `deleted nothing: ${key}`;
    return { summary: `${deleted}${leftAlone(targets.length, touched)}`, touched };
  },
  verify: ["redis.keys"],
  cooldownMs: 30_000,
  maxTargets: 1_000,
});

export const keysWithoutTtl = defineFinding({
  id: "redis.keys-without-ttl",
  title: "Keys that should expire do not",
  severities: ["warn"],
  cause:
    "Keys of a pattern meant to expire were written without a TTL (a SET without EX, a code path that forgets it) or with one far too long. They go stale — users keep old roles — and memory only grows.",
  steps: [
    "Find the code path that writes these keys without EX and fix it.",
    "Meanwhile delete the stale ones (redis-cli DEL, or UNLINK for many), or give them a TTL with EXPIRE.",
  ],
  commands: (target, evidence, params) => [
    target.redisCli("--scan", "--pattern", typeof params.pattern === "string" ? params.pattern : "*"),
    ...(typeof evidence.example === "string" ? [target.redisCli("TTL", evidence.example), target.redisCli("DEL", evidence.example)] : []),
  ],
  fixes: [expireKeys, deleteKeys],
  explains: ["redis.memory-pressure"],
});

export const redisKeys = defineProbe({
  id: "redis.keys",
  title: "Keys",
  reads: "keys of a pattern by bounded `SCAN` (never `KEYS`), those without a TTL",
  kind: "redis",
  params: z.strictObject({
    pattern: z.string().min(1).describe('A SCAN pattern, e.g. "user_status:*"'),
    maxTtlSeconds: z.number().int().positive().optional().describe("Keys of the pattern must expire within this many seconds"),
    lingeringWarn: countThreshold(1, "Keys of the pattern not expiring within maxTtlSeconds that warn"),
    maxScan: maxScanParam,
  }),
  data: z.object({
    matched: z.number(),
    examined: z.number(),
    complete: z.boolean(),
    withoutTtl: z.number(),
    ttlTooLong: z.number(),
    /** One key that never expires, for the commands to look at. */
    example: z.string().optional(),
  }),
  findings: [keysWithoutTtl],
  series: (data) => data.matched,
  command: (target, params) => target.redisCli("--scan", "--pattern", params.pattern),
  async read(redis, params, signal) {
    const { keys, examined, complete } = await scanKeys(redis, params.pattern, params.maxScan, signal);
    let withoutTtl = 0;
    let ttlTooLong = 0;
    let example: string | undefined;
    if (params.maxTtlSeconds !== undefined) {
      const ttls = await perKey(redis, keys, ["ttl"]);
      ttls.forEach(([ttl], i) => {
        if (ttl === -1) {
          withoutTtl += 1;
          example ??= keys[i];
        } else if (typeof ttl === "number" && ttl > params.maxTtlSeconds!) ttlTooLong += 1;
      });
    }
    return { matched: keys.length, examined, complete, withoutTtl, ttlTooLong, ...(example !== undefined ? { example } : {}) };
  },
  judge({ matched, complete, withoutTtl, ttlTooLong, example }, params) {
    const bound = complete ? "" : ` (scan stopped after ${params.maxScan.toLocaleString("en-US")} keys: counts are lower bounds)`;
    if (params.maxTtlSeconds === undefined) return { summary: `${matched.toLocaleString("en-US")} keys match ${params.pattern}${bound}`, findings: [] };
    const maxTtl = formatAge(params.maxTtlSeconds * 1000);
    const summary = `${matched.toLocaleString("en-US")} keys match ${params.pattern}, ${withoutTtl} without a TTL, ${ttlTooLong} living longer than ${maxTtl}${bound}`;
    const lingering = withoutTtl + ttlTooLong;
    const verdict = above(lingering, { warn: params.lingeringWarn }, plain);
    if (!verdict.severity) return { summary, findings: [] };
    const words = `${lingering} of ${matched} ${params.pattern} keys do not expire within ${maxTtl} (${withoutTtl} never expire)`;
    return { summary, findings: [raise(keysWithoutTtl, verdict.severity, words, { pattern: params.pattern, withoutTtl, ttlTooLong, matched, rule: verdict.rule, example })] };
  },
});
