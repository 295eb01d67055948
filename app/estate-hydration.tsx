import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { EstateView } from "@/lib/api/estate-view-schema";
import { ESTATE_KEY } from "@/lib/api/query-keys";

/** Hands the server's picture to the browser's cache, so the first paint is complete. */
export function EstateHydration({ view, children }: { view: EstateView; children: ReactNode }) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(ESTATE_KEY, view);
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}
