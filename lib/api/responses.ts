import type { z } from "zod";

/** Every error the API gives has this one shape. */
export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const NO_STORE = { "cache-control": "no-store" };

export function ok(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { ...NO_STORE, ...init.headers } });
}

function failure(status: number, code: string, message: string, extra: Partial<ApiErrorBody["error"]> = {}, headers: HeadersInit = {}): Response {
  const body: ApiErrorBody = { error: { code, message, ...extra } };
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function badRequest(message: string, issues?: z.core.$ZodIssue[]): Response {
  return failure(400, "bad_request", message, issues ? { issues: issues.map((i) => ({ path: i.path.join("."), message: i.message })) } : {});
}

export const notFound = (message: string) => failure(404, "not_found", message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  failure(429, "rate_limited", message, {}, { "retry-after": String(retryAfterSeconds) });
export const serverError = () => failure(500, "internal", "Lantern could not answer this request; the server log has the detail.");
export const serviceUnavailable = (message: string) => failure(503, "unavailable", message);
