"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { TimelinePage } from "@/lib/api/timeline-schema";
import { api } from "./api-client";

/** The timeline, newest first, page by page; it refreshes while the page is open. */
export function useTimeline(filter: { serviceId?: string }) {
  return useInfiniteQuery({
    queryKey: ["timeline", filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: "100", ...(filter.serviceId ? { serviceId: filter.serviceId } : {}), ...(pageParam ? { before: String(pageParam) } : {}) });
      return api<TimelinePage>("GET", `/api/timeline?${query}`);
    },
    getNextPageParam: (page) => page.next ?? undefined,
    refetchInterval: 10_000,
  });
}
