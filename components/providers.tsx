"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { createContext, useContext, useState, type ReactNode } from "react";
import { useLiveEvents, type LiveScope, type LiveState } from "./hooks/use-live-events";
import { useSession } from "./hooks/use-session";

const LiveContext = createContext<LiveState>("connecting");

export function useLiveState(): LiveState {
  return useContext(LiveContext);
}

/** A service's page follows that service in full; every other page follows the overview. */
function scopeOf(pathname: string): LiveScope {
  const service = /^\/services\/([^/]+)/.exec(pathname)?.[1];
  return service ? { serviceId: decodeURIComponent(service) } : { overview: true };
}

function LiveEvents({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  // Nobody signed in (the sign-in page): no stream to open.
  const state = useLiveEvents(Boolean(useSession().data?.actor), scopeOf(pathname));
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: 1 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <LiveEvents>{children}</LiveEvents>
    </QueryClientProvider>
  );
}
