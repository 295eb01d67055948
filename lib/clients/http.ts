import "server-only";
import { Agent, fetch, type RequestInit, type Response } from "undici";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import type { DependencyClient } from "./dependency-client";

export type { Response as HttpResponse } from "undici";

export interface HttpClient {
  baseUrl: URL;
  /** fetch relative to the dependency's URL, bounded by the signal; the dependency's headers go to its own origin only. */
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
      const url = resolveUrl(baseUrl, path);
      // Its credentials are for it: a reference on another origin (an RPC provider) never sees them.
      const own = url.origin === baseUrl.origin ? options.headers : {};
      return fetch(url, {
        ...init,
        dispatcher: agent,
        redirect: "manual",
        headers: { "user-agent": "lantern", ...own, ...(init.headers as Record<string, string> | undefined) },
      });
    },
  };
  return { acquire: async () => client, close: () => agent.destroy() };
}
