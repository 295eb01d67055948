"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FindingView, ServiceView } from "@/lib/api/estate-view-schema";
import { api } from "./api-client";
import { replaceService } from "./use-live-events";

export function useProbeNow(dependencyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ service: ServiceView; findings: FindingView[] }>("POST", "/api/probes/run", { dependencyId }),
    onSuccess: ({ service, findings }) => replaceService(queryClient, service, findings),
  });
}
