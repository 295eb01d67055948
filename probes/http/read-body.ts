import type { HttpResponse } from "@/lib/clients/http";

/** Health and metrics documents are small; a service that streams megabytes gets cut, not buffered. */
export const MAX_BODY_BYTES = 256 * 1024;

export async function readLimitedBody(response: HttpResponse, signal: AbortSignal, limit = MAX_BODY_BYTES): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit));
}
