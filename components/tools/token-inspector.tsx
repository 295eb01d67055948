"use client";

import { useState } from "react";
import { useTokenInspection } from "../hooks/use-tools";

export interface TokenService {
  id: string;
  name: string;
  rules: string;
}

/** Paste a JWT, pick the service that should accept it, read the verdict. Nothing is kept. */
export function TokenInspector({ services }: { services: TokenService[] }) {
  const [token, setToken] = useState("");
  const [serviceId, setServiceId] = useState(services[0]?.id ?? "");
  const check = useTokenInspection();
  const report = check.data;
  const good = report?.verdict === "valid";

  return (
    <section aria-labelledby="token-title" className="flex max-w-3xl flex-col gap-4">
      <h1 id="token-title" className="text-xl font-semibold">
        Token inspector
      </h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Paste a JWT. Lantern checks it as the chosen service would — structure, algorithm, signature, expiry, audience, issuer — and says which check fails. The
        token is not stored, logged or sent back.
      </p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          check.mutate({ token, ...(serviceId ? { serviceId } : {}) });
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Service
          <select value={serviceId} onChange={(e) => setServiceId(e.target.value)} className="rounded border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-600 dark:bg-zinc-900">
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} — {s.rules}
              </option>
            ))}
            <option value="">No service: decode and check times only</option>
          </select>
        </label>
        <div className="flex flex-col gap-1 text-sm font-medium">
          <label htmlFor="token-input">Token</label>
          <textarea
            id="token-input"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            rows={5}
            spellCheck={false}
            autoComplete="off"
            placeholder="eyJhbGciOi…"
            className="rounded border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-600 dark:bg-zinc-900"
          />
        </div>
        <button
          type="submit"
          disabled={!token.trim() || check.isPending}
          className="self-start rounded-md bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:bg-sky-600"
        >
          {check.isPending ? "Checking…" : "Inspect"}
        </button>
      </form>
      {check.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {check.error.message}
        </p>
      )}
      {report && (
        <section aria-label="Verdict" data-verdict={report.verdict} className={`flex flex-col gap-3 rounded-lg border-2 p-4 ${good ? "border-emerald-500" : "border-red-500"}`}>
          <p className="text-lg font-semibold" data-testid="verdict">
            {report.words}
          </p>
          <ul className="flex flex-col gap-1 text-sm">
            {report.checks.map((c) => (
              <li key={c.name} className="flex gap-2">
                <span aria-hidden="true">{c.ok === null ? "–" : c.ok ? "✓" : "✗"}</span>
                <span className="w-20 font-mono">{c.name}</span>
                <span className={c.ok === false ? "text-red-700 dark:text-red-300" : ""}>
                  {c.ok === false ? "fails: " : ""}
                  {c.detail}
                </span>
              </li>
            ))}
          </ul>
          {report.claims && (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
              {Object.entries({ ...report.header, ...report.claims }).filter(([, v]) => v !== undefined).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-mono text-zinc-500 dark:text-zinc-400">{k}</dt>
                  <dd className="font-mono">{Array.isArray(v) ? v.join(", ") : String(v)}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      )}
    </section>
  );
}
