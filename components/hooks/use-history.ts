"use client";

import { useQuery } from "@tanstack/react-query";
import type { HistoryMinute } from "@/lib/api/history-schema";
import { useFrozen } from "../frozen";
import { api } from "./api-client";

export type HistorySpan = "1h" | "24h";

/** A dependency's probes minute by minute over the span, from Lantern's store; refreshed each minute. */
export function useHistory(dependencyId: string, span: HistorySpan, enabled: boolean): { data: { minutes: HistoryMinute[] } | undefined; isFetching: boolean; error: Error | null } {
  const frozen = useFrozen();
  const live = useQuery({
    queryKey: ["history", dependencyId, span],
    queryFn: () => api<{ since: string; minutes: HistoryMinute[] }>("GET", `/api/history?dependencyId=${encodeURIComponent(dependencyId)}&window=${span}`),
    enabled: enabled && !frozen,
    refetchInterval: 60_000,
  });
  if (!frozen) return live;
  const prefix = `${dependencyId}/`;
  return { data: { minutes: frozen.history.filter((m) => m.probeKey.startsWith(prefix)) }, isFetching: false, error: null };
}
