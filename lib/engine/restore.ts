import "server-only";
import { activeFindingsAtStart, lastStatuses } from "@/lib/store/timeline";
import type { Store } from "@/lib/store/store";
import { FINDINGS } from "@/probes/catalog";
import type { Lantern } from "./runtime";

/**
 * What a restart must not forget, read back from the store: the findings that
 * were active (with their first moment) and the last status of everything, so
 * nothing is announced as new when it is only Lantern that is new.
 */
export async function restoreFromStore(lantern: Lantern, store: Store): Promise<void> {
  lantern.records?.timeline.remember(await lastStatuses(store));
  const definitions = new Map(FINDINGS.map((f) => [f.id, f]));
  const active = await activeFindingsAtStart(store);
  lantern.findings.restore(
    active.flatMap((finding) => {
      const dependency = lantern.estate.dependencies.get(finding.key.slice(0, finding.key.lastIndexOf("/")));
      const definition = definitions.get(finding.findingId);
      // A dependency or finding the estate no longer has is history, not a finding to carry on.
      if (!dependency || !definition) return [];
      return [{ key: finding.key, definition, dependencyId: dependency.id, serviceId: dependency.serviceId, severity: finding.severity, since: finding.since, summary: finding.summary }];
    }),
  );
}
