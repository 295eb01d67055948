"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { serviceKey } from "@/lib/api/query-keys";
import type { ServiceDetail } from "@/lib/api/service-detail";
import { api } from "./api-client";

/** "Probe now": the answer is the service's new picture, put straight into its page's cache. */
export function useProbeNow(dependencyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<ServiceDetail & { dependencyId: string; outcome: string }>("POST", "/api/probes/run", { dependencyId }),
    onSuccess: ({ generatedAt, version, service, findings }) => queryClient.setQueryData<ServiceDetail>(serviceKey(service.id), { generatedAt, version, service, findings }),
  });
}
