"use client";

import { useQuery } from "@tanstack/react-query";
import type { EstateView } from "@/lib/api/estate-view-schema";
import { ESTATE_KEY } from "@/lib/api/query-keys";
import { useFrozen } from "../frozen";
import { api } from "./api-client";

// The browser trusts its own server's typed answers: the zod schemas stay on the
// server, where they check what goes out, and out of the page's JavaScript.

/**
 * The whole picture; the server hydrates it and live events keep it current,
 * so it never polls. Inside a snapshot it is the snapshot's, and nothing is fetched.
 */
export function useEstate(): { data: EstateView | undefined; error: Error | null } {
  const frozen = useFrozen();
  const live = useQuery({ queryKey: ESTATE_KEY, queryFn: () => api<EstateView>("GET", "/api/estate"), staleTime: Infinity, refetchOnWindowFocus: false, enabled: !frozen });
  return frozen ? { data: frozen.estate, error: null } : live;
}
