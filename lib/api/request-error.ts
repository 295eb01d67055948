import type { z } from "zod";
import { isKind, markKind } from "@/lib/errors/error-kind";

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
    markKind(this, "RequestError");
  }
}

/** Whether `error` is a RequestError, from whichever bundle's copy of the class. */
export const isRequestError = (error: unknown): error is RequestError => isKind(error, "RequestError");
