import { isProblem, worstStatus, type ProbeStatus } from "@/lib/probe-kit/status";
import type { ServiceSummary } from "./overview-schema";

/** One target several services depend on, in trouble: the likely single cause of all their trouble. */
export interface SharedTarget {
  /** "<kind> <host:port/db>" */
  key: string;
  kind: ServiceSummary["dependencies"][number]["kind"];
  target: string;
  status: ProbeStatus;
  services: { id: string; name: string; status: ServiceSummary["status"]; dependency: string; reading: string | null }[];
}

/**
 * Services in trouble through the same target (the same host and port, the
 * same database), grouped under it when at least `least` services share it:
 * fifty services down because one upstream is down are one line, not fifty
 * cards. A service joins the largest group it belongs to, and no other.
 */
export function sharedTargets(services: readonly ServiceSummary[], least = 2): { groups: SharedTarget[]; grouped: Set<string> } {
  const byTarget = new Map<string, SharedTarget>();
  for (const service of services) {
    for (const dependency of service.dependencies) {
      if (!isProblem(dependency.status)) continue;
      const key = `${dependency.kind} ${dependency.target}`;
      const group = byTarget.get(key) ?? { key, kind: dependency.kind, target: dependency.target, status: dependency.status, services: [] };
      if (group.services.some((s) => s.id === service.id)) continue;
      group.status = worstStatus([group.status, dependency.status]);
      group.services.push({ id: service.id, name: service.name, status: service.status, dependency: dependency.name, reading: dependency.reading });
      byTarget.set(key, group);
    }
  }
  const candidates = [...byTarget.values()].filter((g) => g.services.length >= least).sort((a, b) => b.services.length - a.services.length || a.key.localeCompare(b.key));
  const grouped = new Set<string>();
  const groups: SharedTarget[] = [];
  for (const group of candidates) {
    const members = group.services.filter((s) => !grouped.has(s.id));
    if (members.length < least) continue;
    for (const member of members) grouped.add(member.id);
    groups.push({ ...group, services: members });
  }
  return { groups, grouped };
}
