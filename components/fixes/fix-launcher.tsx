"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import type { FindingView } from "@/lib/api/estate-view-schema";
import { FixDialog } from "./fix-dialog";

type Offered = FindingView["fixes"][number];
type Open = (finding: FindingView, fix: Offered) => void;

const LauncherContext = createContext<Open | null>(null);

/**
 * Holds the open fix dialog above the findings: a fix that works clears its
 * finding, and the dialog must outlive the finding to say "verified".
 */
export function FixLauncher({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<{ finding: FindingView; fix: Offered } | null>(null);
  return (
    <LauncherContext.Provider value={(finding, fix) => setOpen({ finding, fix })}>
      {children}
      {open && <FixDialog finding={open.finding} fix={open.fix} onClose={() => setOpen(null)} />}
    </LauncherContext.Provider>
  );
}

export function useOpenFix(): Open {
  const open = useContext(LauncherContext);
  if (!open) throw new Error("useOpenFix needs a FixLauncher above it");
  return open;
}
