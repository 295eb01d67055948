"use client";

import Link from "next/link";
import { useEstate } from "./hooks/use-estate";
import { LiveIndicator } from "./live-indicator";
import { useLiveState } from "./providers";
import { ThemeToggle } from "./theme-toggle";

export function AppHeader() {
  const live = useLiveState();
  const estate = useEstate().data;
  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/" className="flex items-baseline gap-2 rounded focus-visible:outline-2 focus-visible:outline-sky-600">
          <span className="text-lg font-bold tracking-tight">Lantern</span>
          <span className="text-sm text-zinc-500 dark:text-zinc-400">{estate?.estate}</span>
        </Link>
        {estate?.lab && (
          <nav aria-label="Lab">
            <Link
              href="/lab"
              className="rounded-md border border-dashed border-fuchsia-500 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-fuchsia-700 hover:bg-fuchsia-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-fuchsia-300 dark:hover:bg-fuchsia-950"
            >
              Lab
            </Link>
          </nav>
        )}
        <nav aria-label="Tools" className="flex items-center gap-3 text-sm">
          <Link href="/tools/token" className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
            Token inspector
          </Link>
          <form action="/tools/errors" role="search" className="flex">
            <label htmlFor="header-error-search" className="sr-only">
              Look up an error message or code
            </label>
            <input
              id="header-error-search"
              name="q"
              placeholder="Look up an error…"
              className="w-44 rounded border border-zinc-300 bg-white px-2 py-0.5 text-xs dark:border-zinc-600 dark:bg-zinc-900"
            />
          </form>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <LiveIndicator state={live} />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
