import type { AccessConfig } from "@/lib/access/access-schema";
import type { SnapshotPolicy } from "@/lib/snapshots/snapshot-policy";
import type { HttpAction } from "@/lib/probe-kit/define-fix";
import type { DependencyKind, ProbeDefinition } from "@/lib/probe-kit/define-probe";
import type { Impact } from "@/lib/probe-kit/status";
import type { Redactor } from "@/lib/secrets/redactor";

/** One probe configured on one dependency; "<dependency>/<name>" tells instances apart. */
export interface ProbeInstance {
  key: string;
  dependencyId: string;
  probe: ProbeDefinition;
  /** The instance name from the estate file, the probe id when none is given. */
  name: string;
  params: Record<string, unknown>;
  intervalMs: number;
  timeoutMs: number;
}

export interface Dependency {
  /** "<service>.<dependency>", unique in the estate. */
  id: string;
  serviceId: string;
  name: string;
  kind: DependencyKind;
  /** The connection URL with secrets filled in: server-side only. */
  url: string;
  /** host:port/database, safe to show. */
  target: string;
  headers: Record<string, string>;
  /** HTTP only: the actions the estate declares, offered as fixes. */
  actions: HttpAction[];
  impact: Impact;
  intervalMs: number;
  timeoutMs: number;
  probes: ProbeInstance[];
}

/** How a service validates JWTs; the secret stays on the server. */
export interface TokenRules {
  secret?: string;
  jwksUrl?: string;
  audience?: string | string[];
  issuer?: string;
  algorithms: string[];
  clockToleranceSeconds: number;
}

export interface Service {
  id: string;
  name: string;
  description?: string;
  group?: string;
  tokens?: TokenRules;
  dependencies: Dependency[];
}

export interface Estate {
  name: string;
  file: string;
  /** How long Lantern's store keeps history and the timeline. */
  retentionMs: number;
  access: AccessConfig;
  snapshots: SnapshotPolicy;
  services: Service[];
  dependencies: Map<string, Dependency>;
  redactor: Redactor;
}

/** The probe instance a key names ("<dependency>/<name>"), if the estate still has it. */
export function instanceOfKey(estate: Estate, key: string): ProbeInstance | undefined {
  return estate.dependencies.get(key.slice(0, key.indexOf("/")))?.probes.find((probe) => probe.key === key);
}
