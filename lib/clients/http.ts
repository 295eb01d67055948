import "server-only";
import type { DependencyClient } from "./dependency-client";

export interface HttpClient {
  baseUrl: URL;
  /** fetch relative to the dependency's URL, with its configured headers, bounded by the signal. */
  request(path: string | undefined, init: RequestInit & { signal: AbortSignal }): Promise<Response>;
}

export interface HttpClientOptions {
  url: string;
  headers: Record<string, string>;
}

export function createHttpClient(options: HttpClientOptions): DependencyClient<HttpClient> {
  const baseUrl = new URL(options.url);
  const client: HttpClient = {
    baseUrl,
    request(path, init) {
      const target = resolveUrl(baseUrl, path);
      return fetch(target, {
        ...init,
        redirect: "manual",
        cache: "no-store",
        headers: { "user-agent": "lantern", ...options.headers, ...(init.headers as Record<string, string> | undefined) },
      });
    },
  };
  return { acquire: async () => client, close: async () => undefined };
}

/** A probe's path is relative to the dependency's URL; no path means the URL itself. */
export function resolveUrl(base: URL, path: string | undefined): URL {
  if (!path) return base;
  if (/^https?:\/\//.test(path)) return new URL(path);
  const root = base.href.endsWith("/") ? base.href : `${base.href}/`;
  return new URL(path.replace(/^\//, ""), root);
}
