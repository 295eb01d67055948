"use client";

import { memo, useState } from "react";
import type { HistoryMinute } from "@/lib/api/history-schema";
import type { ProbeView } from "@/lib/api/estate-view-schema";
import { worstStatus, type ProbeStatus } from "@/lib/probe-kit/status";
import { clockTime } from "../clock";
import { useHistory, type HistorySpan } from "../hooks/use-history";

const CELL: Record<ProbeStatus, string> = {
  ok: "bg-emerald-500",
  warn: "bg-amber-500",
  crit: "bg-red-500",
  down: "bg-red-800",
  error: "bg-violet-500",
  stale: "bg-zinc-400",
  unknown: "bg-zinc-200 dark:bg-zinc-700",
};

// The last hour minute by minute; the last day in quarter hours, so both fit one line.
const SHAPE: Record<HistorySpan, { cells: number; cellMs: number; label: string }> = {
  "1h": { cells: 60, cellMs: 60_000, label: "last hour" },
  "24h": { cells: 96, cellMs: 15 * 60_000, label: "last 24 hours" },
};

interface Cell {
  start: number;
  status: ProbeStatus;
  summary?: string;
}

function cellsOf(minutes: HistoryMinute[], span: HistorySpan, now: number): Cell[] {
  const { cells, cellMs } = SHAPE[span];
  const first = Math.floor(now / cellMs) * cellMs - (cells - 1) * cellMs;
  const out: Cell[] = Array.from({ length: cells }, (_, i) => ({ start: first + i * cellMs, status: "unknown" }));
  for (const minute of minutes) {
    const cell = out[Math.floor((Date.parse(minute.minute) - first) / cellMs)];
    if (!cell) continue;
    const worse = worstStatus([cell.status, minute.worst]);
    if (worse !== cell.status || cell.summary === undefined) cell.summary = minute.summary;
    cell.status = worse;
  }
  return out;
}

function words(cells: Cell[], span: HistorySpan): string {
  const counts = new Map<ProbeStatus, number>();
  for (const cell of cells) if (cell.status !== "unknown") counts.set(cell.status, (counts.get(cell.status) ?? 0) + 1);
  const unit = span === "1h" ? "min" : "× 15 min";
  const parts = [...counts].map(([status, n]) => `${n} ${unit} ${status}`);
  return `${SHAPE[span].label}: ${parts.length ? parts.join(", ") : "no readings kept yet"}`;
}

/** Each probe's status over the last hour or day, from Lantern's store, with the summary of each moment on hover. */
export function HistoryStrip({ dependencyId, probes, now }: { dependencyId: string; probes: ProbeView[]; now: number }) {
  const [span, setWindow] = useState<HistorySpan>("1h");
  const history = useHistory(dependencyId, span, true);
  // Probe pictures arrive many times a second and the clock ticks every second; the strip
  // changes only with its history, its window, its probes' titles or the cell that is now.
  const titles = probes.map((probe) => `${probe.name}\t${probe.title}`).join("\n");
  const currentCell = Math.floor(now / SHAPE[span].cellMs);

  return (
    <div className="mt-2 flex flex-col gap-1" data-testid="history-strip">
      <div className="flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <span>History</span>
        {(["1h", "24h"] as const).map((w) => (
          <button
            key={w}
            type="button"
            aria-pressed={span === w}
            onClick={() => setWindow(w)}
            className="rounded px-1.5 py-0.5 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 aria-pressed:bg-zinc-200 aria-pressed:font-semibold dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-700"
          >
            {w === "1h" ? "1 h" : "24 h"}
          </button>
        ))}
        {history.isFetching && <span>reading…</span>}
        {history.error && <span role="alert">{history.error.message}</span>}
      </div>
      <HistoryRows dependencyId={dependencyId} titles={titles} minutes={history.data?.minutes} span={span} currentCell={currentCell} />
    </div>
  );
}

const HistoryRows = memo(function HistoryRows({ dependencyId, titles, minutes, span, currentCell }: { dependencyId: string; titles: string; minutes: HistoryMinute[] | undefined; span: HistorySpan; currentCell: number }) {
  const byProbe = new Map<string, HistoryMinute[]>();
  for (const minute of minutes ?? []) byProbe.set(minute.probeKey, [...(byProbe.get(minute.probeKey) ?? []), minute]);
  if (titles === "") return null;
  return titles.split("\n").map((line) => {
    const [name, title] = line.split("\t") as [string, string];
    const cells = cellsOf(byProbe.get(`${dependencyId}/${name}`) ?? [], span, currentCell * SHAPE[span].cellMs);
    return (
      <div key={name} className="flex items-center gap-2">
        <span className="w-40 truncate text-xs text-zinc-600 dark:text-zinc-400" title={title}>
          {title}
        </span>
        <div role="img" aria-label={`${title}, ${words(cells, span)}`} className="flex h-3 flex-1 gap-px">
          {cells.map((cell) => (
            <span
              key={cell.start}
              data-status={cell.status}
              title={`${clockTime.format(cell.start)} — ${cell.status}${cell.summary ? `: ${cell.summary}` : ""}`}
              className={`flex-1 rounded-[1px] ${CELL[cell.status]}`}
            />
          ))}
        </div>
      </div>
    );
  });
});
