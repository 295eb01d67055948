import "server-only";
import { Agent, fetch, type RequestInit, type Response } from "undici";
import type { DependencyClient } from "./dependency-client";

export type { Response as HttpResponse } from "undici";

export interface HttpClient {
  baseUrl: URL;
  /** fetch relative to the dependency's URL, with its configured headers, bounded by the signal. */
  request(path: string | undefined, init: RequestInit & { signal: AbortSignal }): Promise<Response>;
}

export interface HttpClientOptions {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** Sockets per HTTP dependency: enough for its probes, never more. */
export const HTTP_MAX_CONNECTIONS = 4;

export function createHttpClient(options: HttpClientOptions): DependencyClient<HttpClient> {
  const baseUrl = new URL(options.url);
  // A pool of this dependency's own, so closing it closes exactly its sockets.
  const agent = new Agent({ connections: HTTP_MAX_CONNECTIONS, connectTimeout: options.timeoutMs, keepAliveTimeout: 30_000 });
  const client: HttpClient = {
    baseUrl,
    request(path, init) {
      return fetch(resolveUrl(baseUrl, path), {
        ...init,
        dispatcher: agent,
        redirect: "manual",
        headers: { "user-agent": "lantern", ...options.headers, ...(init.headers as Record<string, string> | undefined) },
      });
    },
  };
  return { acquire: async () => client, close: () => agent.destroy() };
}

/** A probe's path is relative to the dependency's URL; no path means the URL itself. */
export function resolveUrl(base: URL, path: string | undefined): URL {
  if (!path) return base;
  if (/^https?:\/\//.test(path)) return new URL(path);
  const root = base.href.endsWith("/") ? base.href : `${base.href}/`;
  return new URL(path.replace(/^\//, ""), root);
}
