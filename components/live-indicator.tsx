"use client";

import type { LiveState } from "./hooks/use-live-events";

const TEXT: Record<LiveState, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Live updates lost — reconnecting" };

export function LiveIndicator({ state }: { state: LiveState }) {
  const dot = state === "live" ? "bg-emerald-500" : state === "reconnecting" ? "bg-red-500 animate-pulse" : "bg-zinc-400 animate-pulse";
  return (
    <span role="status" data-live={state} className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-300">
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {TEXT[state]}
    </span>
  );
}
