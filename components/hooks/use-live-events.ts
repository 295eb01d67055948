"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { FindingView, ProbeView } from "@/lib/api/estate-view-schema";
import type { FixRunView } from "@/lib/api/fix-schema";
import type { FindingBrief, Overview, ServiceSummary } from "@/lib/api/overview-schema";
import { OVERVIEW_KEY, serviceKey, TICK_KEY } from "@/lib/api/query-keys";
import type { ServiceDetail } from "@/lib/api/service-detail";
import { changesInFlight, detailWith, noChanges, overviewWith, type FindingEvent, type LiveChanges } from "./live-changes";

export type LiveState = "connecting" | "live" | "reconnecting";

/** What a page shows, and so what its stream carries. */
export type LiveScope = { overview: true } | { serviceId: string };

/** A fix run's latest word, as the live feed carries it. */
export interface FixProgress {
  runId: string;
  fixId: string;
  dependencyId: string;
  stage: "executing" | "verifying" | "done";
  message: string;
  outcome?: FixRunView;
}

/** Once a second while the engine runs: when, and how many runs ended since the last one. */
export interface EngineTick {
  at: string;
  runs: number;
}

export const fixProgressKey = (dependencyId: string, fixId: string) => ["fix-progress", dependencyId, fixId] as const;

/** Everything that arrived since the last frame, applied in one update per cache entry, and kept for the pictures being fetched meanwhile. */
function apply(queryClient: QueryClient, scope: LiveScope, changes: LiveChanges): void {
  changesInFlight.hear(changes, "serviceId" in scope ? scope.serviceId : undefined);
  if (changes.services.length > 0 || changes.findings.length > 0) {
    queryClient.setQueryData<Overview>(OVERVIEW_KEY, (overview) => overview && overviewWith(overview, changes));
  }
  if ("serviceId" in scope && (changes.probes.length > 0 || changes.findings.length > 0)) {
    queryClient.setQueryData<ServiceDetail>(serviceKey(scope.serviceId), (detail) => detail && detailWith(detail, changes));
  }
}

/**
 * Feeds the Server-Sent Events of what the page shows into the query cache,
 * a frame at a time: a burst of events is one render, and only the entries
 * that changed are new objects. After a reconnect it refetches what it may have missed.
 */
export function useLiveEvents(enabled: boolean, scope: LiveScope): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  const serviceId = "serviceId" in scope ? scope.serviceId : undefined;

  useEffect(() => {
    if (!enabled) return;
    const scoped: LiveScope = serviceId === undefined ? { overview: true } : { serviceId };
    const source = new EventSource(serviceId === undefined ? "/api/events" : `/api/events?serviceId=${encodeURIComponent(serviceId)}`);
    let pending = noChanges();
    let frame: number | undefined;
    const later = () => {
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        const batch = pending;
        pending = noChanges();
        apply(queryClient, scoped, batch);
      });
    };
    const data = <T,>(event: Event) => JSON.parse((event as MessageEvent<string>).data) as T;
    source.onopen = () => setState("live");
    // Each (re)connection opens with the server's version: what the page holds is refetched only if a change was missed.
    source.addEventListener("hello", (event) => {
      const { version } = data<{ version: number }>(event);
      const missed = (key: readonly string[]) => (queryClient.getQueryData<{ version: number }>(key)?.version ?? -1) < version;
      if (missed(OVERVIEW_KEY)) void queryClient.invalidateQueries({ queryKey: OVERVIEW_KEY });
      if (serviceId !== undefined && missed(serviceKey(serviceId))) void queryClient.invalidateQueries({ queryKey: serviceKey(serviceId) });
    });
    source.onerror = () => setState("reconnecting");
    source.addEventListener("service", (event) => {
      pending.services.push(data<{ summary: ServiceSummary }>(event).summary);
      later();
    });
    source.addEventListener("finding", (event) => {
      pending.findings.push(data<FindingEvent<FindingView | FindingBrief>>(event));
      later();
    });
    source.addEventListener("probe", (event) => {
      pending.probes.push(data<{ dependencyId: string; probe: ProbeView }>(event));
      later();
    });
    source.addEventListener("tick", (event) => queryClient.setQueryData<EngineTick>(TICK_KEY, data<EngineTick>(event)));
    source.addEventListener("fix", (event) => {
      const progress = data<FixProgress>(event);
      queryClient.setQueryData<FixProgress>(fixProgressKey(progress.dependencyId, progress.fixId), progress);
      if (progress.stage === "done") void queryClient.invalidateQueries({ queryKey: ["audit"] });
    });
    return () => {
      source.close();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [queryClient, enabled, serviceId]);

  return state;
}
