"use client";

import type { ApiErrorBody } from "@/lib/api/responses";

/** A refusal from Lantern's API, in the one error shape: what a hook's caller shows. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Lantern answers its reads in milliseconds; one still running after this is not coming. */
const READ_DEADLINE_MS = 30_000;

/**
 * The browser's one way to Lantern's API: JSON in, JSON out, every failure
 * decoded from `{ error: { code, message } }` into an ApiError. Only the hooks call it.
 */
export async function api<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  // A signed-in browser proves its writes come from Lantern's own pages with the CSRF cookie's value.
  const csrf = method === "GET" ? undefined : csrfToken();
  if (csrf) headers["x-csrf-token"] = csrf;
  // A read that hangs is given up and retried by its query, rather than holding the live changes kept for it (live-changes.ts) without end.
  const signal = method === "GET" ? AbortSignal.timeout(READ_DEADLINE_MS) : undefined;
  const response = await fetch(path, { method, cache: "no-store", headers, ...(signal ? { signal } : {}), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as T;
  const error = (parsed as Partial<ApiErrorBody> | undefined)?.error;
  const retryAfter = Number(response.headers.get("retry-after"));
  throw new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `${method} ${path} answered HTTP ${response.status}`,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

function csrfToken(): string | undefined {
  return document.cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === "lantern_csrf")?.[1];
}
