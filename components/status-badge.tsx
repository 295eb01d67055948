import type { ProbeStatus, ServiceStatus } from "@/lib/probe-kit/status";

type Word = ProbeStatus | ServiceStatus;

// Colour and a shape and the word itself: never colour alone.
export const LOOK: Record<Word, { className: string; mark: string; label: string }> = {
  ok: { className: "bg-emerald-100 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30", mark: "●", label: "ok" },
  warn: { className: "bg-amber-100 text-amber-950 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30", mark: "▲", label: "warn" },
  degraded: { className: "bg-amber-100 text-amber-950 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30", mark: "▲", label: "degraded" },
  crit: { className: "bg-red-100 text-red-900 ring-red-600/40 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/40", mark: "◆", label: "crit" },
  down: { className: "bg-red-700 text-white ring-red-800 dark:bg-red-600 dark:ring-red-400", mark: "■", label: "down" },
  error: { className: "bg-violet-100 text-violet-900 ring-violet-600/40 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-400/30", mark: "✕", label: "error" },
  stale: { className: "bg-zinc-200 text-zinc-800 ring-zinc-500/40 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-400/30", mark: "◌", label: "stale" },
  unknown: { className: "bg-zinc-100 text-zinc-700 ring-zinc-400/40 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-500/30", mark: "○", label: "unknown" },
};

export function StatusBadge({ status, size = "md" }: { status: Word; size?: "sm" | "md" | "lg" }) {
  const look = LOOK[status];
  const sizing = size === "lg" ? "px-3 py-1 text-sm" : size === "sm" ? "px-1.5 py-0 text-[11px]" : "px-2 py-0.5 text-xs";
  return (
    <span data-status={status} className={`inline-flex shrink-0 items-center gap-1 rounded-full font-semibold uppercase tracking-wide ring-1 ring-inset ${sizing} ${look.className}`}>
      <span aria-hidden="true">{look.mark}</span>
      {look.label}
    </span>
  );
}
