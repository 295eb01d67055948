"use client";

import { useQuery } from "@tanstack/react-query";
import { TICK_KEY } from "@/lib/api/query-keys";
import { Age } from "./age";
import type { EngineTick, LiveState } from "./hooks/use-live-events";
import { useNow } from "./hooks/use-now";

const TEXT: Record<LiveState, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Live updates lost — reconnecting" };

/** Whether the page is live, and when Lantern last checked anything: a quiet page is proof of health only while this stays fresh. */
export function LiveIndicator({ state }: { state: LiveState }) {
  const { data: tick } = useQuery<EngineTick>({ queryKey: TICK_KEY, enabled: false });
  // No tick exists while the server renders, so its clock is never read here.
  const now = useNow(0);
  const dot = state === "live" ? "bg-emerald-500" : state === "reconnecting" ? "bg-red-500 animate-pulse" : "bg-zinc-400 animate-pulse";
  return (
    <span role="status" data-live={state} className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-300">
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {TEXT[state]}
      {state === "live" && tick && (
        <span data-testid="last-check">
          {" · "}
          <Age at={tick.at} now={Math.max(now, Date.parse(tick.at))} prefix="checked" />
        </span>
      )}
    </span>
  );
}
