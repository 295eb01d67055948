import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Raised by the engine whenever a probe of a Redis dependency is down. */
export const redisUnreachable = defineFinding<{ reason: string }>({
  id: "redis.unreachable",
  title: "Redis unreachable",
  severities: ["crit"],
  cause:
    "Nothing answers on the Redis port, or it refuses Lantern: the server stopped, the URL points elsewhere, the network drops the traffic, or a password is now required (NOAUTH). Services with a fallback keep working from their database, slower; caches go cold.",
  steps: [
    "Check that redis-server runs and listens on this host and port.",
    "Compare the REDIS_URL the services use with this dependency's URL.",
    "On NOAUTH or WRONGPASS, compare the configured password with the server's requirepass or ACL user.",
    "Expect cache hit rates to fall and database load to rise until it is back; watch both.",
  ],
  commands: (target) => [target.redisCli("PING"), target.redisCli("INFO", "server")],
  explains: ["http.component-failing", "redis.hit-rate-low", "http.json-threshold"],
  matches: ["connection refused", "ECONNREFUSED", "NOAUTH Authentication required", "WRONGPASS", "redis: connection pool timeout", "Connection is closed", "Stream isn't writeable"],
});
