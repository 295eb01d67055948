"use client";

import { useSyncExternalStore } from "react";
import { useFrozen } from "../frozen";

// One shared one-second tick for every age and staleness on the page.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, re-rendering once a second; the server renders with its own clock. */
export function useNow(serverNow: number): number {
  const frozen = useFrozen();
  const live = useSyncExternalStore(subscribe, () => now, () => serverNow);
  // A snapshot is read as of the moment it was taken.
  return frozen ? frozen.at : live;
}
