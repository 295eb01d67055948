"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { EstateView, ServiceView } from "@/lib/api/estate-view-schema";
import { ESTATE_KEY } from "@/lib/api/query-keys";

export type LiveState = "connecting" | "live" | "reconnecting";

export function replaceService(queryClient: QueryClient, service: ServiceView): void {
  queryClient.setQueryData<EstateView>(ESTATE_KEY, (estate) =>
    estate ? { ...estate, services: estate.services.map((s) => (s.id === service.id ? service : s)) } : estate,
  );
}

/** Feeds Server-Sent Events into the query cache; after a reconnect it refetches what it may have missed. */
export function useLiveEvents(): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    const source = new EventSource("/api/events");
    let opened = false;
    source.onopen = () => {
      if (opened) void queryClient.invalidateQueries({ queryKey: ESTATE_KEY });
      opened = true;
      setState("live");
    };
    source.onerror = () => setState("reconnecting");
    source.addEventListener("result", (event) => {
      const { service } = JSON.parse((event as MessageEvent<string>).data) as { service: ServiceView };
      replaceService(queryClient, service);
    });
    return () => source.close();
  }, [queryClient]);

  return state;
}
