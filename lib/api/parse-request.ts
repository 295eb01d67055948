import type { z } from "zod";

export class RequestError extends Error {
  constructor(
    message: string,
    readonly issues?: z.core.$ZodIssue[],
  ) {
    super(message);
  }
}

/** Reads a JSON body against a schema; anything else is a RequestError the handler turns into a 400. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new RequestError("send the body as application/json");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new RequestError("the body is not valid JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new RequestError("the body does not match what this endpoint expects", parsed.error.issues);
  return parsed.data;
}
