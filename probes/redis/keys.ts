import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { above, plain } from "@/lib/probe-kit/bounds";
import { formatAge } from "@/lib/probe-kit/format";
import { countThreshold } from "./verdicts";

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
    maxScan: z.number().int().min(100).max(1_000_000).default(10_000).describe("Keys examined at most per run (SCAN, never KEYS)"),
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
    let cursor = "0";
    let examined = 0;
    const keys: string[] = [];
    do {
      if (signal.aborted) throw signal.reason;
      const [next, batch] = await redis.scan(cursor, "MATCH", params.pattern, "COUNT", 1000);
      cursor = next;
      examined += 1000;
      keys.push(...batch);
    } while (cursor !== "0" && examined < params.maxScan);
    let withoutTtl = 0;
    let ttlTooLong = 0;
    let example: string | undefined;
    if (params.maxTtlSeconds !== undefined) {
      for (let i = 0; i < keys.length; i += 500) {
        const chunk = keys.slice(i, i + 500);
        const ttls = (await chunk.reduce((pipe, key) => pipe.ttl(key), redis.pipeline()).exec()) ?? [];
        ttls.forEach(([, ttl], j) => {
          if (ttl === -1) {
            withoutTtl += 1;
            example ??= chunk[j];
          } else if (typeof ttl === "number" && ttl > params.maxTtlSeconds!) ttlTooLong += 1;
        });
      }
    }
    return { matched: keys.length, examined: Math.min(examined, params.maxScan), complete: cursor === "0", withoutTtl, ttlTooLong, ...(example !== undefined ? { example } : {}) };
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
