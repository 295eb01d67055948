"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LabScenario } from "@/lib/api/lab-view-schema";
import { api } from "./api-client";

const LAB_KEY = ["lab", "scenarios"] as const;

type Scenarios = { scenarios: LabScenario[] };

export function useLabScenarios() {
  return useQuery({ queryKey: LAB_KEY, queryFn: async () => (await api<Scenarios>("GET", "/api/lab/scenarios")).scenarios, staleTime: 0 });
}

/** Apply, revert or reset; the scenario list comes back with the answer. */
export function useLabAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, verb }: { id?: string; verb: "apply" | "revert" | "reset" }) =>
      (await api<Scenarios>("POST", verb === "reset" ? "/api/lab/reset" : `/api/lab/scenarios/${encodeURIComponent(id!)}/${verb}`)).scenarios,
    onSuccess: (scenarios) => queryClient.setQueryData(LAB_KEY, scenarios),
  });
}
