"use client";

import { useEffect, useRef, useState } from "react";
import type { FindingView } from "@/lib/api/estate-view-schema";
import type { FixRunView } from "@/lib/api/fix-schema";
import { useFixExecute, useFixPreview, useFixProgress } from "../hooks/use-fixes";
import { RiskBadge, riskWords } from "./risk-badge";

type Offered = FindingView["fixes"][number];

/**
 * Preview → confirm → run → verified, in one dialog: the exact targets first,
 * the typed name for a destructive fix, the question for a cautious one, the
 * progress while it runs, and the outcome in words.
 */
export function FixDialog({ finding, fix, onClose }: { finding: FindingView; fix: Offered; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const preview = useFixPreview();
  const execute = useFixExecute();
  const progress = useFixProgress(finding.dependencyId, fix.id).data;
  const [typed, setTyped] = useState("");
  const [agreed, setAgreed] = useState(false);
  // One key per dialog: a double click, a retry after a lost answer, runs once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { mutate: requestPreview } = preview;

  useEffect(() => {
    dialog.current?.showModal();
    requestPreview({ dependencyId: finding.dependencyId, fixId: fix.id, findingKey: finding.key, params: fix.params });
  }, [requestPreview, finding.dependencyId, finding.key, fix.id, fix.params]);

  const shown = preview.data;
  // One key or a whole pattern: the preview knows how risky this run is.
  const risk = shown?.risk ?? fix.risk;
  const ready = shown && (!shown.confirm || typed === shown.confirm.expected) && (!shown.ask || agreed) && shown.targets.length > 0;
  const run = execute.data;

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="fix-title"
      className="m-auto w-[min(48rem,calc(100vw-2rem))] rounded-lg border border-zinc-300 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex flex-col gap-3 p-4">
        <header className="flex flex-wrap items-center gap-2">
          <h2 id="fix-title" className="text-lg font-semibold">
            {fix.title}
          </h2>
          <RiskBadge risk={risk} />
          <span className="text-sm text-zinc-600 dark:text-zinc-400">on {finding.dependencyId}</span>
        </header>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{riskWords(risk)}</p>
        {preview.isPending && <p role="status">Reading what this fix would touch…</p>}
        {preview.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {preview.error.message}
          </p>
        )}
        {shown && (
          <>
            <p data-testid="fix-summary" className="font-medium">
              {shown.summary}
            </p>
            <TargetsTable targets={shown.targets} />
            {!run && (
              <form
                className="flex flex-col gap-2"
                onSubmit={(event) => {
                  event.preventDefault();
                  if (ready) execute.mutate({ previewId: shown.previewId, idempotencyKey, ...(shown.confirm ? { confirm: typed } : {}) });
                }}
              >
                {shown.ask && (
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" checked={agreed} onChange={(event) => setAgreed(event.target.checked)} className="mt-1" />
                    <span>{shown.ask}</span>
                  </label>
                )}
                {shown.confirm && (
                  <label className="flex flex-col gap-1 text-sm">
                    <span>
                      Type <code className="rounded bg-zinc-100 px-1 font-semibold dark:bg-zinc-800">{shown.confirm.expected}</code> to confirm
                    </span>
                    <input
                      value={typed}
                      onChange={(event) => setTyped(event.target.value)}
                      autoComplete="off"
                      className="rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-600 dark:bg-zinc-950"
                    />
                  </label>
                )}
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  This preview holds until {new Date(shown.expiresAt).toLocaleTimeString()}; if what it shows changes before you run it, Lantern refuses and touches nothing.
                </p>
                <div className="flex gap-2">
                  <button
                    type="submit"
                    disabled={!ready || execute.isPending}
                    className={`rounded px-4 py-1.5 text-sm font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-50 ${risk === "destructive" ? "bg-red-700 hover:bg-red-800" : "bg-sky-700 hover:bg-sky-800"}`}
                  >
                    {execute.isPending ? "Running…" : `Run: ${shown.summary}`}
                  </button>
                  <button type="button" onClick={() => dialog.current?.close()} className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-600">
                    Cancel
                  </button>
                </div>
              </form>
            )}
          </>
        )}
        {execute.isPending && progress && progress.stage !== "done" && (
          <p role="status" data-testid="fix-progress" className="text-sm text-zinc-700 dark:text-zinc-300">
            {progress.message}
          </p>
        )}
        {execute.error && (
          <p role="alert" data-testid="fix-refused" className="text-sm text-red-700 dark:text-red-400">
            {execute.error.message}
          </p>
        )}
        {run && <Outcome run={run} onClose={() => dialog.current?.close()} />}
      </div>
    </dialog>
  );
}

function TargetsTable({ targets }: { targets: { id: string; label: string; details: Record<string, string | number | null> }[] }) {
  if (targets.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing to touch right now: the finding may be clearing on its own.</p>;
  const columns = [...new Set(targets.flatMap((t) => Object.keys(t.details)))];
  return (
    <div className="max-h-72 overflow-auto rounded border border-zinc-200 dark:border-zinc-700">
      <table className="w-full text-left text-xs" data-testid="fix-targets">
        <caption className="sr-only">What this fix will touch</caption>
        <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-800">
          <tr>
            {columns.map((column) => (
              <th key={column} className="px-2 py-1 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">
          {targets.map((target) => (
            <tr key={target.id} className="border-t border-zinc-100 dark:border-zinc-800">
              {columns.map((column) => (
                <td key={column} className="px-2 py-1">
                  {target.details[column] ?? "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const OUTCOME_WORDS: Record<FixRunView["outcome"], { className: string; words: string }> = {
  verified: { className: "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40", words: "Verified: probed again, the finding is cleared." },
  "not-verified": { className: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40", words: "Not verified: probed again, the finding is still raised." },
  failed: { className: "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40", words: "Failed: the fix itself did not complete." },
};

function Outcome({ run, onClose }: { run: FixRunView; onClose: () => void }) {
  const look = OUTCOME_WORDS[run.outcome];
  return (
    <section role="status" data-testid="fix-outcome" data-outcome={run.outcome} className={`flex flex-col gap-1 rounded border p-3 text-sm ${look.className}`}>
      <strong>{look.words}</strong>
      <span>{run.summary}</span>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        {run.actor} · {(run.durationMs / 1000).toFixed(1)} s · run {run.runId}
      </span>
      <button type="button" onClick={onClose} className="mt-1 self-start rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-600">
        Close
      </button>
    </section>
  );
}
