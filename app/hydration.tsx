import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

/** Hands the server's picture to the browser's cache under its query key, so the first paint is complete. */
export function Hydration({ entries, children }: { entries: [QueryKey, unknown][]; children: ReactNode }) {
  const queryClient = new QueryClient();
  for (const [key, data] of entries) queryClient.setQueryData(key, data);
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}
