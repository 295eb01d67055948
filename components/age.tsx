"use client";

import { formatAge } from "@/lib/probe-kit/format";
import { exactTime } from "./clock";

/** "12 s ago", with the exact time on hover and for screen readers. */
export function Age({ at, now, prefix }: { at: string | null; now: number; prefix?: string }) {
  if (!at) return <span className="text-zinc-500 dark:text-zinc-400">not yet checked</span>;
  const exact = new Date(at);
  return (
    <time dateTime={at} title={exactTime.format(exact)} className="tabular-nums">
      {prefix ? `${prefix} ` : ""}
      {formatAge(now - exact.getTime())} ago
    </time>
  );
}
