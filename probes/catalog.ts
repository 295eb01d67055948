import type { DependencyKind, ProbeDefinition } from "@/lib/probe-kit/define-probe";
import { httpHealth } from "./http/health";
import { natsReachable } from "./nats/reachable";
import { postgresReachable } from "./postgres/reachable";
import { redisReachable } from "./redis/reachable";

/** Every probe Lantern knows. A new probe is one file in its kind's folder and one line here. */
export const PROBES = [postgresReachable, redisReachable, natsReachable, httpHealth] as const satisfies readonly ProbeDefinition[];

/** What a dependency runs when its estate entry lists no probes. */
export const DEFAULT_PROBES: Record<DependencyKind, string[]> = {
  postgres: ["postgres.reachable"],
  redis: ["redis.reachable"],
  nats: ["nats.reachable"],
  http: ["http.health"],
};

const BY_ID = new Map<string, ProbeDefinition>(PROBES.map((probe) => [probe.id, probe as ProbeDefinition]));

export function findProbe(id: string): ProbeDefinition | undefined {
  return BY_ID.get(id);
}

export function probesOfKind(kind: DependencyKind): ProbeDefinition[] {
  return PROBES.filter((probe) => probe.kind === kind) as ProbeDefinition[];
}
