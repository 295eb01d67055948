"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { SnapshotCreated } from "@/lib/api/snapshot-schema";
import { api } from "./api-client";

/** What a snapshot taken now would hold, counted, while the dialog is open. */
export function useSnapshotContents(windowMinutes: number, enabled: boolean) {
  return useQuery({
    queryKey: ["snapshot-contents", windowMinutes],
    queryFn: () => api<{ services: number; notOk: number; findings: number; timeline: number; fixes: number }>("GET", `/api/snapshots/preview?windowMinutes=${windowMinutes}`),
    enabled,
  });
}

export function useTakeSnapshot() {
  return useMutation({
    mutationFn: (request: { title: string; notes?: string; windowMinutes: number; expiresIn: string }) => api<SnapshotCreated>("POST", "/api/snapshots", request),
  });
}
