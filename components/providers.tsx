"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import { useLiveEvents, type LiveState } from "./hooks/use-live-events";
import { useSession } from "./hooks/use-session";

const LiveContext = createContext<LiveState>("connecting");

export function useLiveState(): LiveState {
  return useContext(LiveContext);
}

function LiveEvents({ children }: { children: ReactNode }) {
  // Nobody signed in (the sign-in page): no stream to open.
  const state = useLiveEvents(Boolean(useSession().data?.actor));
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
