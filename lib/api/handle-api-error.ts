import { ConfigError } from "@/lib/config/config-error";
import { logError } from "@/lib/secrets/log";
import { RequestError } from "./parse-request";
import { badRequest, serverError, serviceUnavailable } from "./responses";

/** One place decides what an error tells the caller: request mistakes in full, anything else in nothing. */
export function handleApiError(error: unknown): Response {
  if (error instanceof RequestError) return badRequest(error.message, error.issues);
  if (error instanceof ConfigError) return serviceUnavailable("the estate file is not valid; the server log names each problem");
  logError("request failed:", error);
  return serverError();
}

/** Wraps a route handler so that nothing it throws becomes a stack trace on the wire. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return handleApiError(error);
    }
  };
}
