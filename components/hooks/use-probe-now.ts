"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FindingView, ServiceView } from "@/lib/api/estate-view-schema";
import { replaceService } from "./use-live-events";

async function probeNow(dependencyId: string) {
  const response = await fetch("/api/probes/run", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ dependencyId }),
  });
  const body = (await response.json()) as { service: ServiceView; findings: FindingView[]; error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `probe now failed with HTTP ${response.status}`);
  return body;
}

export function useProbeNow(dependencyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => probeNow(dependencyId),
    onSuccess: ({ service, findings }) => replaceService(queryClient, service, findings),
  });
}
