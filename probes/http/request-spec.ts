import { z } from "zod";
import type { CommandTarget, CurlOptions } from "@/lib/probe-kit/commands";

/** How an HTTP probe asks: a path under the dependency's URL, a method, headers of its own. */
export const requestSpec = {
  path: z.string().optional().describe("Path relative to the dependency's URL; the URL itself when absent"),
  method: z.enum(["GET", "POST", "HEAD"]).default("GET"),
  headers: z.record(z.string(), z.string()).default({}).describe("Headers for this probe's request, beside the dependency's"),
};

export interface RequestParams {
  path?: string;
  method?: "GET" | "POST" | "HEAD";
  headers?: Record<string, string>;
}

/** The curl that asks what the probe asks, its secrets written as their variables. */
export function requestCommand(target: CommandTarget, params: RequestParams, options: CurlOptions = {}): string {
  return target.http(params.path, { ...(params.method ? { method: params.method } : {}), ...(params.headers ? { headers: params.headers } : {}), ...options });
}
