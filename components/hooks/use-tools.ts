"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { LookupResult } from "@/lib/tools/lookup-error";
import type { TokenReport } from "@/lib/tools/inspect-token";
import { api } from "./api-client";

/** The runbooks an error message or code points to, best first. */
export function useErrorLookup(query: string) {
  return useQuery({
    queryKey: ["errors", query],
    queryFn: async () => (await api<{ results: LookupResult[] }>("GET", `/api/tools/errors?q=${encodeURIComponent(query)}`)).results,
    enabled: query.trim().length > 0,
  });
}

/** A pasted token checked against a service's rules; nothing is kept. */
export function useTokenInspection() {
  return useMutation({ mutationFn: (body: { token: string; serviceId?: string }) => api<TokenReport>("POST", "/api/tools/token", body) });
}
