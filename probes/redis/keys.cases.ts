import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisKeys } from "./keys";

const reading = (matched: number, withoutTtl = 0, ttlTooLong = 0) => ({
  matched,
  examined: 10_000,
  complete: true,
  withoutTtl,
  ttlTooLong,
  ...(withoutTtl > 0 ? { example: "user_status:auth0|5f2c" } : {}),
});
// user-sync caches user_status:<auth_id> for 5 minutes.
const params = { pattern: "user_status:*", maxTtlSeconds: 300 };

export default judgingCases(redisKeys, {
  healthy: [
    { what: "1,523 user_status keys, all expiring within 5 min", data: reading(1_523), params },
    { what: "counting keys with no TTL rule", data: reading(1_523), params: { pattern: "user_status:*" } },
    { what: "a scan that stopped early", data: { ...reading(10_000), complete: false }, params: { ...params, maxScan: 10_000 } },
    { what: "a few lingering keys under the count the estate tolerates", data: reading(1_523, 2, 1), params: { ...params, lingeringWarn: 10 } },
  ],
  raises: [
    { what: "one key that never expires", finding: "redis.keys-without-ttl", severity: "warn", data: reading(1_523, 1), params },
    { what: "stale roles: keys without a TTL and keys living an hour", finding: "redis.keys-without-ttl", severity: "warn", data: reading(3, 1, 1), params },
    { what: "at the count the estate tolerates", finding: "redis.keys-without-ttl", severity: "warn", data: reading(1_523, 6, 4), params: { ...params, lingeringWarn: 10 } },
  ],
});
