import "server-only";
import { createHttpClient } from "@/lib/clients/http";
import { createNatsClient } from "@/lib/clients/nats";
import { createPostgresClient } from "@/lib/clients/postgres";
import { createRedisClient } from "@/lib/clients/redis";
import type { DependencyClient } from "@/lib/clients/dependency-client";
import type { Dependency } from "@/lib/config/estate";

/** A fix's statements end within this, whatever they wait on (a lock, a slow server). */
export const FIX_STATEMENT_TIMEOUT_MS = 10_000;
/** How a fix's connection names itself: Lantern's probes never look like a fix, and fixes never terminate Lantern. */
export const FIX_CONNECTION_NAME = "lantern-fix";

/**
 * A connection of the fix's own, opened for one run and closed after it:
 * never a probe's pool, so a fix neither waits behind probes nor leaves them
 * a connection in a changed state.
 */
export function openFixClient(dependency: Dependency): DependencyClient<unknown> {
  const timeoutMs = FIX_STATEMENT_TIMEOUT_MS;
  switch (dependency.kind) {
    case "postgres":
      return createPostgresClient({ url: dependency.url, timeoutMs, intervalMs: timeoutMs, name: FIX_CONNECTION_NAME });
    case "redis":
      return createRedisClient({ url: dependency.url, timeoutMs, name: FIX_CONNECTION_NAME });
    case "nats":
      return createNatsClient({ url: dependency.url, timeoutMs, name: FIX_CONNECTION_NAME });
    case "http":
      return createHttpClient({ url: dependency.url, headers: dependency.headers, timeoutMs });
  }
}
