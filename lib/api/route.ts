import type { z } from "zod";
import { CSRF_HEADER, type Caller } from "@/lib/access/access";
import { allows, type Actor, type Need } from "@/lib/access/actor";
import { isConfigError } from "@/lib/config/config-error";
import { getLantern, type Lantern } from "@/lib/engine/runtime";
import { logError } from "@/lib/secrets/log";
import { isStoreError } from "@/lib/store/store";
import { clientOf, credentialsOf } from "./client";
import { readJsonBody } from "./read-json-body";
import { isRequestError, RequestError } from "./request-error";
import { errorResponse, serverError, serviceUnavailable } from "./responses";

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B extends Schema, Q extends Schema, P extends Schema> {
  /** Who may call it: anyone, a viewer (who reads), or an operator (who acts). */
  role: Need;
  /** A JSON body, checked against this schema; without it the route takes no body. */
  body?: B;
  /** The query string, each key at most once. */
  query?: Q;
  /** The path's dynamic segments. */
  params?: P;
  /** Largest body accepted, in bytes (64 KiB unless a route needs more). */
  bodyLimitBytes?: number;
}

export interface RouteInput<B extends Schema, Q extends Schema, P extends Schema> {
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  request: Request;
  /** Who is asking, as far as rate limits are concerned: the caller's address. */
  client: string;
  lantern: Lantern;
  /** Who is asking, as far as roles are concerned; null only on public routes. */
  actor: Actor | null;
  caller: Caller;
}

interface NextRouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

const DEFAULT_BODY_LIMIT = 64 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one path of every route handler: refuse cross-site writes, find out who
 * is asking and whether their role allows it (with the CSRF token for a signed-in
 * browser's writes), parse the body, query and path against their schemas, act,
 * and answer every failure in the one error shape — never a stack trace.
 */
export function route<B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  spec: RouteSpec<B, Q, P>,
  handler: (input: RouteInput<B, Q, P>) => Promise<Response>,
): (request: Request, context: NextRouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const lantern = await getLantern();
      const caller = await lantern.access.identify(credentialsOf(request));
      const writes = !SAFE_METHODS.has(request.method);
      // A bearer token cannot ride on a browser's cross-site request; everything else must come from here.
      if (writes && caller.via !== "bearer") assertSameOrigin(request);
      authorize(spec.role, caller, request, writes, lantern);
      const input = {
        request,
        lantern,
        caller,
        actor: caller.actor,
        client: clientOf(request),
        body: (spec.body ? parseWith(spec.body, await readJsonBody(request, spec.bodyLimitBytes ?? DEFAULT_BODY_LIMIT), "body") : undefined) as Parsed<B>,
        query: (spec.query ? parseWith(spec.query, queryOf(request), "query") : undefined) as Parsed<Q>,
        params: (spec.params ? parseWith(spec.params, await context?.params, "path") : undefined) as Parsed<P>,
      };
      return await handler(input);
    } catch (error) {
      return handleApiError(error);
    }
  };
}

/** One place decides what an error tells the caller: request mistakes in full, anything else in nothing. */
export function handleApiError(error: unknown): Response {
  if (isRequestError(error)) return errorResponse(error.status, error.code, error.message, error.issues, error.headers);
  if (isConfigError(error)) return serviceUnavailable("the estate file is not valid; the server log names each problem");
  if (isStoreError(error)) return serviceUnavailable(error.message);
  logError("request failed:", error);
  return serverError();
}

function authorize(need: Need, caller: Caller, request: Request, writes: boolean, lantern: Lantern): void {
  if (need === "public") return;
  if (caller.via === "bad-token") {
    const verdict = lantern.access.failures.take(clientOf(request));
    if (!verdict.allowed) throw new RequestError(429, "rate_limited", `too many wrong tokens from this address; try again in ${verdict.retryAfterSeconds} s`, undefined, { "retry-after": String(verdict.retryAfterSeconds) });
    throw new RequestError(401, "unauthorized", "that token is not one of this estate's");
  }
  if (!caller.actor) throw new RequestError(401, "unauthorized", "sign in first: a bearer token, or a session from /login");
  if (!allows(caller.actor.role, need)) throw new RequestError(403, "forbidden", `${caller.actor.name} is a ${caller.actor.role}; this needs an ${need}`);
  if (writes && caller.via === "session" && request.headers.get(CSRF_HEADER) !== caller.session.csrfToken) {
    throw new RequestError(403, "csrf", "a signed-in browser's request that changes anything needs its CSRF token");
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, part: "body" | "query" | "path"): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const what = { body: "the body does not match what this endpoint expects", query: "the query string does not match what this endpoint expects", path: "no such resource" }[part];
  throw new RequestError(part === "path" ? 404 : 400, part === "path" ? "not_found" : "bad_request", what, parsed.error.issues);
}

function queryOf(request: Request): Record<string, string> {
  const search = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    if (values.length > 1) throw new RequestError(400, "bad_request", `give "${key}" once in the query string`);
    query[key] = values[0]!;
  }
  return query;
}

/**
 * A browser sends Origin (and Sec-Fetch-Site) with every write; one from another
 * site is a cross-site request riding on the user's network position or cookies.
 * Clients that are not browsers send neither and are judged by their credentials.
 */
function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new RequestError(403, "cross_site", "requests that change anything must come from Lantern's own pages");
  const origin = request.headers.get("origin");
  if (origin === null) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== request.headers.get("host")) throw new RequestError(403, "cross_site", "requests that change anything must come from Lantern's own pages");
}
