"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AuditEntry, FixPreviewView, FixRunView } from "@/lib/api/fix-schema";
import { api } from "./api-client";
import { fixProgressKey, type FixProgress } from "./use-live-events";

export function useFixPreview() {
  return useMutation({
    mutationFn: (request: { dependencyId: string; fixId: string; findingKey?: string; params?: Record<string, unknown> }) => api<FixPreviewView>("POST", "/api/fixes/preview", request),
  });
}

export function useFixExecute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { previewId: string; idempotencyKey: string; confirm?: string }) => api<FixRunView>("POST", "/api/fixes/execute", request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["audit"] }),
  });
}

/** The live word of a fix running on a dependency, from the feed. */
export function useFixProgress(dependencyId: string, fixId: string) {
  return useQuery<FixProgress | null>({ queryKey: fixProgressKey(dependencyId, fixId), queryFn: () => null, staleTime: Infinity, enabled: false, initialData: null });
}

/** The audit log, newest first; filtered to a service's dependencies when given. */
export function useAudit(filter: { serviceId?: string; limit?: number } = {}) {
  return useQuery({
    queryKey: ["audit", filter],
    queryFn: () => {
      const query = new URLSearchParams({ limit: String(filter.limit ?? 100), ...(filter.serviceId ? { serviceId: filter.serviceId } : {}) });
      return api<{ entries: AuditEntry[]; next: number | null }>("GET", `/api/audit?${query}`);
    },
    refetchInterval: 15_000,
  });
}
