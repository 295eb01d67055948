import { RequestError } from "./request-error";

/**
 * Reads a JSON body, never more than `limitBytes` of it: a declared length
 * over the limit is refused before reading, a stream that grows past it is cut.
 */
export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") throw new RequestError(400, "bad_request", "send the body as application/json");
  // "connection: close": the server hangs up instead of reading the rest to keep the socket.
  const tooLarge = () => new RequestError(413, "payload_too_large", `the body is limited to ${limitBytes} bytes here`, undefined, { connection: "close" });
  if (Number(request.headers.get("content-length") ?? 0) > limitBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new RequestError(400, "bad_request", "the body is not valid JSON");
  }
}
