import { z } from "zod";

/** How an HTTP probe asks: a path under the dependency's URL, a method, headers of its own. */
export const requestSpec = {
  path: z.string().optional().describe("Path relative to the dependency's URL; the URL itself when absent"),
  method: z.enum(["GET", "POST", "HEAD"]).default("GET"),
  headers: z.record(z.string(), z.string()).default({}).describe("Headers for this probe's request, beside the dependency's"),
};
