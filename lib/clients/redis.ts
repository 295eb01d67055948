import "server-only";
import { Redis } from "ioredis";
import { abortable, clientTimeoutMs, type DependencyClient } from "./dependency-client";

export type RedisClient = Redis;

export interface RedisClientOptions {
  /** How the connection names itself to the server ("lantern", or "lantern-fix" for a fix\'s own). */
  name?: string;
  url: string;
  timeoutMs: number;
  onError?: (error: Error) => void;
}

/**
 * One connection per dependency. ioredis does not reconnect on its own here:
 * the probe schedule is the retry, so a Redis that is down costs one connect
 * attempt per interval and no timers or queued commands in between.
 */
export function createRedisClient(options: RedisClientOptions): DependencyClient<RedisClient> {
  const timeout = clientTimeoutMs(options.timeoutMs);
  const redis = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeout,
    commandTimeout: timeout,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectionName: options.name ?? "lantern",
    // RESP2 is understood by every Redis still in service.
    protocol: 2,
  });
  // connect() rejects with a bare "Connection is closed."; the cause arrives as an event first.
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastError = error;
    options.onError?.(error);
  });

  let connecting: Promise<void> | undefined;

  return {
    async acquire(signal) {
      if (redis.status !== "ready") {
        if (!connecting) {
          lastError = undefined;
          connecting = redis
            .connect()
            .catch((error: unknown) => Promise.reject(lastError ?? error))
            .finally(() => (connecting = undefined));
        }
        await abortable(connecting, signal);
      }
      return redis;
    },
    async close() {
      redis.disconnect(false);
    },
  };
}
