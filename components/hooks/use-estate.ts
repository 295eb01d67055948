"use client";

import { useQuery } from "@tanstack/react-query";
import type { EstateView } from "@/lib/api/estate-view-schema";
import { ESTATE_KEY } from "@/lib/api/query-keys";

export async function fetchEstate(): Promise<EstateView> {
  const response = await fetch("/api/estate", { cache: "no-store" });
  if (!response.ok) throw new Error(`GET /api/estate answered ${response.status}`);
  return (await response.json()) as EstateView;
}

// The browser trusts its own server's typed answers: the zod schemas stay on the
// server, where they check what goes out, and out of the page's JavaScript.

/** The whole picture; the server hydrates it and live events keep it current, so it never polls. */
export function useEstate() {
  return useQuery({ queryKey: ESTATE_KEY, queryFn: fetchEstate, staleTime: Infinity, refetchOnWindowFocus: false });
}
