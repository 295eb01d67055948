import "server-only";
import type { Dependency } from "@/lib/config/estate";
import type { ClientOf, DependencyKind } from "@/lib/probe-kit/define-probe";
import type { DependencyClient } from "./dependency-client";
import { createHttpClient } from "./http";
import { createNatsClient } from "./nats";
import { createPostgresClient } from "./postgres";
import { createRedisClient } from "./redis";

/** One client per dependency, created on first use and replaced after a hang. */
export class ClientRegistry {
  private readonly clients = new Map<string, DependencyClient<unknown>>();

  constructor(private readonly onError: (dependency: Dependency, error: Error) => void = () => undefined) {}

  async acquire<K extends DependencyKind>(dependency: Dependency & { kind: K }, signal: AbortSignal): Promise<ClientOf[K]> {
    let client = this.clients.get(dependency.id);
    if (!client) {
      client = this.create(dependency);
      this.clients.set(dependency.id, client);
    }
    return (await client.acquire(signal)) as ClientOf[K];
  }

  /** Closes the dependency's client; the next probe opens a fresh one. */
  async discard(dependencyId: string): Promise<void> {
    const client = this.clients.get(dependencyId);
    this.clients.delete(dependencyId);
    await client?.close().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.clients.keys()].map((id) => this.discard(id)));
  }

  private create(dependency: Dependency): DependencyClient<unknown> {
    const onError = (error: Error) => this.onError(dependency, error);
    const { url, timeoutMs, intervalMs } = dependency;
    switch (dependency.kind) {
      case "postgres":
        return createPostgresClient({ url, timeoutMs, intervalMs, onError });
      case "redis":
        return createRedisClient({ url, timeoutMs, onError });
      case "nats":
        return createNatsClient({ url, timeoutMs });
      case "http":
        return createHttpClient({ url, headers: dependency.headers, timeoutMs });
    }
  }
}
