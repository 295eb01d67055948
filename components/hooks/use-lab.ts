"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LabScenario } from "@/lib/api/lab-view-schema";

const LAB_KEY = ["lab", "scenarios"] as const;

async function call(method: "GET" | "POST", path: string) {
  const response = await fetch(path, { method, cache: "no-store" });
  const body = (await response.json()) as { scenarios: LabScenario[]; error?: string | { message: string } };
  if (!response.ok) throw new Error(typeof body.error === "string" ? body.error : (body.error?.message ?? `HTTP ${response.status}`));
  return body.scenarios;
}

export function useLabScenarios() {
  return useQuery({ queryKey: LAB_KEY, queryFn: () => call("GET", "/api/lab/scenarios"), staleTime: 0 });
}

/** Apply, revert or reset; the scenario list comes back with the answer. */
export function useLabAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verb }: { id?: string; verb: "apply" | "revert" | "reset" }) =>
      call("POST", verb === "reset" ? "/api/lab/reset" : `/api/lab/scenarios/${encodeURIComponent(id!)}/${verb}`),
    onSuccess: (scenarios) => queryClient.setQueryData(LAB_KEY, scenarios),
  });
}
