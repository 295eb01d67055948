import type { z } from "zod";

/** A request Lantern refuses for what it is, answered in the one error shape with its own status. */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 502,
    readonly code: string,
    message: string,
    readonly issues?: z.core.$ZodIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "RequestError";
  }
}
