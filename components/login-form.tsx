"use client";

import { useState } from "react";
import { useSignIn } from "./hooks/use-session";

/** Sign in with a token: the session cookie takes over from there. */
export function LoginForm({ next }: { next: string }) {
  const [token, setToken] = useState("");
  const signIn = useSignIn();
  return (
    <section aria-labelledby="login-title" className="mx-auto flex max-w-md flex-col gap-4">
      <h1 id="login-title" className="text-xl font-semibold">
        Sign in to Lantern
      </h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Paste your access token. Lantern keeps only a session cookie for this browser; the token itself is not stored. An operator makes tokens with <code>npx lantern token</code>.
      </p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          // A full load: the pages after sign-in are rendered for the new session.
          signIn.mutate(token.trim(), { onSuccess: () => window.location.replace(next) });
        }}
      >
        <label htmlFor="token" className="text-sm font-medium">
          Access token
        </label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
          className="rounded border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-900"
        />
        <button
          type="submit"
          disabled={signIn.isPending || token.trim() === ""}
          className="self-start rounded bg-sky-700 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60"
        >
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
        {signIn.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {signIn.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
