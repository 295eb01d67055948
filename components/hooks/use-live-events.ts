"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { EstateView, FindingView, ServiceView } from "@/lib/api/estate-view-schema";
import type { FixRunView } from "@/lib/api/fix-schema";
import { ESTATE_KEY } from "@/lib/api/query-keys";

export type LiveState = "connecting" | "live" | "reconnecting";

const SEVERITY = { crit: 0, warn: 1 } as const;

/** A service's new picture and its findings now, into the cached estate. */
export function replaceService(queryClient: QueryClient, service: ServiceView, findings: FindingView[]): void {
  queryClient.setQueryData<EstateView>(ESTATE_KEY, (estate) =>
    estate
      ? {
          ...estate,
          services: estate.services.map((s) => (s.id === service.id ? service : s)),
          findings: [...estate.findings.filter((f) => f.serviceId !== service.id), ...findings].sort(
            (a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || a.since.localeCompare(b.since),
          ),
        }
      : estate,
  );
}

/** A fix run's latest word, as the live feed carries it. */
export interface FixProgress {
  runId: string;
  fixId: string;
  dependencyId: string;
  stage: "executing" | "verifying" | "done";
  message: string;
  outcome?: FixRunView;
}

export const fixProgressKey = (dependencyId: string, fixId: string) => ["fix-progress", dependencyId, fixId] as const;

/** Feeds Server-Sent Events into the query cache; after a reconnect it refetches what it may have missed. */
export function useLiveEvents(enabled: boolean): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource("/api/events");
    let opened = false;
    source.onopen = () => {
      if (opened) void queryClient.invalidateQueries({ queryKey: ESTATE_KEY });
      opened = true;
      setState("live");
    };
    source.onerror = () => setState("reconnecting");
    source.addEventListener("result", (event) => {
      const { service, findings } = JSON.parse((event as MessageEvent<string>).data) as { service: ServiceView; findings: FindingView[] };
      replaceService(queryClient, service, findings);
    });
    source.addEventListener("fix", (event) => {
      const progress = JSON.parse((event as MessageEvent<string>).data) as FixProgress;
      queryClient.setQueryData<FixProgress>(fixProgressKey(progress.dependencyId, progress.fixId), progress);
      if (progress.stage === "done") void queryClient.invalidateQueries({ queryKey: ["audit"] });
    });
    return () => source.close();
  }, [queryClient, enabled]);

  return state;
}
