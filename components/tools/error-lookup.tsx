"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CliCommand } from "../cli-command";
import { useErrorLookup } from "../hooks/use-tools";

/** Paste an error message or code; the runbooks that answer it come back, best first. The query is in the URL, so the page can be linked. */
export function ErrorLookup({ initialQuery }: { initialQuery: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState(initialQuery);
  const results = useErrorLookup(initialQuery);

  return (
    <section aria-labelledby="errors-title" className="flex max-w-3xl flex-col gap-4">
      <h1 id="errors-title" className="text-xl font-semibold">
        Error lookup
      </h1>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          router.replace(`/tools/errors?q=${encodeURIComponent(draft)}`);
        }}
        className="flex gap-2"
      >
        <label className="sr-only" htmlFor="error-query">
          Error message or code
        </label>
        <input
          id="error-query"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="AUTH_005, pq: remaining connection slots are reserved, NOAUTH…"
          className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-900"
        />
        <button type="submit" className="rounded-md bg-sky-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:bg-sky-600">
          Look up
        </button>
      </form>
      {results.isFetching && <p className="text-sm text-zinc-500">Looking…</p>}
      {results.data?.length === 0 && <p className="text-sm">No known problem matches. Try the exact error text or its code.</p>}
      <ol className="flex flex-col gap-3">
        {results.data?.map((result, index) => (
          <li key={result.id} data-result={result.id} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <details open={index === 0}>
              <summary className="cursor-pointer rounded focus-visible:outline-2 focus-visible:outline-sky-600">
                <span className="font-semibold">{result.title}</span> <span className="font-mono text-xs text-zinc-500">{result.id}</span>
                {result.matched.length > 0 && <span className="block text-xs text-zinc-500">matches “{result.matched[0]}”</span>}
                {result.activeOn.length > 0 && (
                  <span className="mt-1 block text-sm font-semibold text-red-700 dark:text-red-300">
                    Raised right now on{" "}
                    {result.activeOn.map((d) => (
                      <Link key={d} href={`/services/${d.split(".")[0]}#dep-${d}`} className="underline">
                        {d}
                      </Link>
                    ))}
                  </span>
                )}
              </summary>
              <div className="mt-2 flex flex-col gap-2 text-sm">
                <p>{result.cause}</p>
                <ol className="list-decimal space-y-1 pl-5">
                  {result.steps.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
                {result.commands && (
                  <div className="flex flex-col gap-1">
                    <p className="text-xs text-zinc-500">Check by hand on {result.commands.dependencyId}:</p>
                    {result.commands.lines.map((line) => (
                      <CliCommand key={line} command={line} />
                    ))}
                  </div>
                )}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
