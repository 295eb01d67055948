import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge } from "@/lib/probe-kit/format";

export const keysWithoutTtl = defineFinding({
  id: "redis.keys-without-ttl",
  title: "Keys that should expire do not",
  cause:
    "Keys of a pattern meant to expire were written without a TTL (a SET without EX, a code path that forgets it) or with one far too long. They go stale — users keep old roles — and memory only grows.",
  steps: [
    "Find the code path that writes these keys without EX and fix it.",
    "Meanwhile delete the stale ones (redis-cli DEL, or UNLINK for many), or give them a TTL with EXPIRE.",
  ],
  commands: (target, evidence) => [
    target.redisCli("--scan", "--pattern", String(evidence.pattern ?? "*")),
    ...(typeof evidence.example === "string" ? [target.redisCli("TTL", evidence.example), target.redisCli("DEL", evidence.example)] : []),
  ],
  fixes: ["redis.expire-keys"],
  explains: ["redis.memory-pressure"],
});

export const redisKeys = defineProbe({
  id: "redis.keys",
  title: "Keys",
  kind: "redis",
  params: z.strictObject({
    pattern: z.string().min(1).describe('A SCAN pattern, e.g. "user_status:*"'),
    maxTtlSeconds: z.number().int().positive().optional().describe("Keys of the pattern must expire within this many seconds"),
    maxScan: z.number().int().min(100).max(1_000_000).default(10_000).describe("Keys examined at most per run (SCAN, never KEYS)"),
  }),
  data: z.object({ matched: z.number(), examined: z.number(), complete: z.boolean(), withoutTtl: z.number(), ttlTooLong: z.number() }),
  findings: [keysWithoutTtl],
  series: (data) => data.matched,
  command: (target, params) => target.redisCli("--scan", "--pattern", params.pattern),
  async run(redis, params, signal) {
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
    const complete = cursor === "0";
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
    const data = { matched: keys.length, examined: Math.min(examined, params.maxScan), complete, withoutTtl, ttlTooLong };
    const bound = complete ? "" : ` (scan stopped after ${params.maxScan.toLocaleString("en-US")} keys: counts are lower bounds)`;
    const summary = `${keys.length.toLocaleString("en-US")} keys match ${params.pattern}${params.maxTtlSeconds !== undefined ? `, ${withoutTtl} without a TTL, ${ttlTooLong} living longer than ${formatAge(params.maxTtlSeconds * 1000)}` : ""}${bound}`;
    if (withoutTtl + ttlTooLong === 0) return { status: "ok", summary, data };
    const words = `${withoutTtl + ttlTooLong} of ${keys.length} ${params.pattern} keys do not expire within ${formatAge(params.maxTtlSeconds! * 1000)} (${withoutTtl} never expire)`;
    return { status: "warn", summary, data, findings: [raise(keysWithoutTtl, "warn", words, { pattern: params.pattern, withoutTtl, ttlTooLong, matched: keys.length, example })] };
  },
});
