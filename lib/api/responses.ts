import type { z } from "zod";

/** Every error the API gives has this one shape. */
export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const NO_STORE = { "cache-control": "no-store" };

export function ok(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { ...NO_STORE, ...init.headers } });
}

export function errorResponse(status: number, code: string, message: string, issues?: z.core.$ZodIssue[], headers: Record<string, string> = {}): Response {
  const body: ApiErrorBody = { error: { code, message, ...(issues ? { issues: issues.map((i) => ({ path: i.path.join("."), message: i.message })) } : {}) } };
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export const notFound = (message: string) => errorResponse(404, "not_found", message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  errorResponse(429, "rate_limited", message, undefined, { "retry-after": String(retryAfterSeconds) });
export const serverError = () => errorResponse(500, "internal", "Lantern could not answer this request; the server log has the detail.");
export const serviceUnavailable = (message: string) => errorResponse(503, "unavailable", message);
