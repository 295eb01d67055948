"use client";

import { useEffect, useRef, useState } from "react";
import { CopyButton } from "../copy-button";
import { useSnapshotContents, useTakeSnapshot } from "../hooks/use-snapshots";

const EXPIRIES = [
  { value: "1d", label: "1 day" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
];

/** Title, notes, window and expiry; what will be captured, counted; then the link to paste in the incident channel. */
export function SnapshotDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState("");
  const [notes, setNotes] = useState("");
  const [windowMinutes, setWindowMinutes] = useState(15);
  const [expiresIn, setExpiresIn] = useState("7d");
  const contents = useSnapshotContents(windowMinutes, true);
  const take = useTakeSnapshot();
  useEffect(() => dialog.current?.showModal(), []);
  const link = take.data ? new URL(take.data.url, window.location.origin).href : undefined;

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="snapshot-title"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-zinc-300 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex flex-col gap-3 p-4">
        <h2 id="snapshot-title" className="text-lg font-semibold">
          Freeze the picture
        </h2>
        {!take.data ? (
          <form
            className="flex flex-col gap-3 text-sm"
            onSubmit={(event) => {
              event.preventDefault();
              take.mutate({ title: title.trim(), ...(notes.trim() ? { notes } : {}), windowMinutes, expiresIn });
            }}
          >
            <label className="flex flex-col gap-1">
              Title
              <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} placeholder="Checkout errors, 14:00" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600 dark:bg-zinc-950" />
            </label>
            <label className="flex flex-col gap-1">
              Notes
              <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={20_000} className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-600 dark:bg-zinc-950" />
            </label>
            <div className="flex flex-wrap gap-4">
              <label className="flex items-center gap-2">
                History of the last
                <select value={windowMinutes} onChange={(e) => setWindowMinutes(Number(e.target.value))} className="rounded border border-zinc-300 px-1 py-0.5 dark:border-zinc-600 dark:bg-zinc-950">
                  {[15, 30, 60, 240].map((m) => (
                    <option key={m} value={m}>
                      {m < 60 ? `${m} min` : `${m / 60} h`}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex items-center gap-2">
                Kept for
                <select value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)} className="rounded border border-zinc-300 px-1 py-0.5 dark:border-zinc-600 dark:bg-zinc-950">
                  {EXPIRIES.map((e) => (
                    <option key={e.value} value={e.value}>
                      {e.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p data-testid="snapshot-contents" className="text-zinc-600 dark:text-zinc-400">
              {contents.data
                ? `It will hold ${contents.data.services} services (${contents.data.notOk} not ok), ${contents.data.findings} findings, ${contents.data.timeline} timeline entries and ${contents.data.fixes} fix runs, with secrets masked.`
                : contents.error
                  ? contents.error.message
                  : "Counting what it will hold…"}
            </p>
            {take.error && (
              <p role="alert" className="text-red-700 dark:text-red-400">
                {take.error.message}
              </p>
            )}
            <div className="flex gap-2">
              <button type="submit" disabled={take.isPending || !title.trim()} className="rounded bg-sky-700 px-4 py-1.5 font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-50">
                {take.isPending ? "Freezing…" : "Take snapshot"}
              </button>
              <button type="button" onClick={() => dialog.current?.close()} className="rounded border border-zinc-300 px-3 py-1.5 dark:border-zinc-600">
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <div className="flex flex-col gap-2 text-sm" role="status">
            <p>Frozen. Paste this link in the incident channel:</p>
            <div className="flex items-center gap-2">
              <a data-testid="snapshot-link" href={take.data.url} className="break-all font-mono text-sky-700 hover:underline dark:text-sky-400">
                {link}
              </a>
              <CopyButton text={link!} label="Copy link" />
            </div>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              SHA-256 <code className="break-all">{take.data.sha256}</code> · {(take.data.bytes / 1024).toFixed(0)} KiB
            </p>
            <button type="button" onClick={() => dialog.current?.close()} className="self-start rounded border border-zinc-300 px-3 py-1 dark:border-zinc-600">
              Close
            </button>
          </div>
        )}
      </div>
    </dialog>
  );
}
