"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { EstateView } from "@/lib/api/estate-view-schema";
import type { HistoryMinute } from "@/lib/api/history-schema";

/** A snapshot's picture: the live components draw it instead of the live feed. */
export interface Frozen {
  estate: EstateView;
  history: HistoryMinute[];
  /** Where the snapshot's pages live: "/s/<id>". */
  base: string;
  /** The moment it was frozen: every age is counted from it. */
  at: number;
}

const FrozenContext = createContext<Frozen | null>(null);

export function FrozenPicture({ frozen, children }: { frozen: Frozen; children: ReactNode }) {
  return <FrozenContext.Provider value={frozen}>{children}</FrozenContext.Provider>;
}

/** The snapshot being shown, or null on the live pages. */
export function useFrozen(): Frozen | null {
  return useContext(FrozenContext);
}

/** Where a service's page is: the live one, or the one inside the snapshot. */
export function useServiceHref(): (serviceId: string, anchor?: string) => string {
  const base = useFrozen()?.base ?? "";
  return (serviceId, anchor) => `${base}/services/${encodeURIComponent(serviceId)}${anchor ? `#${anchor}` : ""}`;
}
