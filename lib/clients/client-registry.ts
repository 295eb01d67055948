import "server-only";
import type { Dependency } from "@/lib/config/estate";
import type { ClientOf, DependencyKind } from "@/lib/probe-kit/define-probe";
import type { DependencyClient } from "./dependency-client";
import { createHttpClient } from "./http";
import { createNatsClient } from "./nats";
import { createPostgresClient, POSTGRES_MAX_CONNECTIONS } from "./postgres";
import { createRedisClient } from "./redis";

/** However many dependencies share a PostgreSQL target, Lantern holds at most this many connections to it. */
export const POSTGRES_MAX_SHARED_CONNECTIONS = 8;

/** Keys are asked for on every probe run: made once per dependency. */
const KEYS = new WeakMap<Dependency, string>();

/**
 * Dependencies that would open identical clients share one: the same kind,
 * URL (credentials and database included), deadline and headers. A thousand
 * services on one Redis cost one connection, not a thousand.
 */
export function clientKey(dependency: Dependency): string {
  const known = KEYS.get(dependency);
  if (known) return known;
  const { kind, url, timeoutMs, intervalMs } = dependency;
  const headers = kind === "http" ? JSON.stringify(Object.entries(dependency.headers).sort()) : "";
  const key = JSON.stringify([kind, url, timeoutMs, kind === "postgres" ? intervalMs : 0, headers]);
  KEYS.set(dependency, key);
  return key;
}

interface Shared {
  client: DependencyClient<unknown>;
  /** What the log calls it: its target, and how many dependencies use it. */
  label: string;
}

/** One client per target, created on first use and replaced after a hang. */
export class ClientRegistry {
  private readonly shared = new Map<string, Shared>();
  /** How many of the estate's dependencies share each key: a shared PostgreSQL pool grows with them, to its bound. */
  private readonly sharers = new Map<string, number>();

  constructor(
    dependencies: Iterable<Dependency>,
    private readonly onError: (label: string, error: Error) => void = () => undefined,
  ) {
    for (const dependency of dependencies) {
      const key = clientKey(dependency);
      this.sharers.set(key, (this.sharers.get(key) ?? 0) + 1);
    }
  }

  async acquire<K extends DependencyKind>(dependency: Dependency & { kind: K }, signal: AbortSignal): Promise<ClientOf[K]> {
    const key = clientKey(dependency);
    let entry = this.shared.get(key);
    if (!entry) {
      entry = this.create(dependency, key);
      this.shared.set(key, entry);
    }
    return (await entry.client.acquire(signal)) as ClientOf[K];
  }

  /** Closes the client the dependency uses (its target hung); the next probe of any dependency sharing it opens a fresh one. */
  async discard(dependency: Dependency): Promise<void> {
    const key = clientKey(dependency);
    const entry = this.shared.get(key);
    this.shared.delete(key);
    await entry?.client.close().catch(() => undefined);
  }

  /** Open clients, one per target in use. */
  get size(): number {
    return this.shared.size;
  }

  async closeAll(): Promise<void> {
    const entries = [...this.shared.values()];
    this.shared.clear();
    await Promise.all(entries.map((entry) => entry.client.close().catch(() => undefined)));
  }

  private create(dependency: Dependency, key: string): Shared {
    const sharers = this.sharers.get(key) ?? 1;
    const label = sharers > 1 ? `${dependency.kind} ${dependency.target} (shared by ${sharers} dependencies)` : dependency.id;
    const onError = (error: Error) => this.onError(label, error);
    const { url, timeoutMs, intervalMs } = dependency;
    const client = (() => {
      switch (dependency.kind) {
        case "postgres":
          return createPostgresClient({ url, timeoutMs, intervalMs, onError, max: Math.min(POSTGRES_MAX_CONNECTIONS * sharers, POSTGRES_MAX_SHARED_CONNECTIONS) });
        case "redis":
          return createRedisClient({ url, timeoutMs, onError });
        case "nats":
          return createNatsClient({ url, timeoutMs });
        case "http":
          return createHttpClient({ url, headers: dependency.headers, timeoutMs });
      }
    })();
    return { client, label };
  }
}
