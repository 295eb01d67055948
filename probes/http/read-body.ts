import type { HttpResponse } from "@/lib/clients/http";
import { ProbeReadError } from "@/lib/probe-kit/read-error";

/** Health and metrics documents are small; a service that streams megabytes gets cut, not buffered. */
export const MAX_BODY_BYTES = 256 * 1024;
/** A metrics page lists every series of the service: it gets more room. */
export const MAX_METRICS_BYTES = 4 * 1024 * 1024;

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

/** The body as JSON: an answer that is not JSON cannot be read as asked. */
export async function readJsonBody(response: HttpResponse, url: URL, signal: AbortSignal, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readLimitedBody(response, signal, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProbeReadError(`HTTP ${response.status} from ${url.pathname}${url.search}, but the body is not JSON`);
  }
}

/** An answer with an error status holds nothing to read: `what` says what was missing. */
export async function requireOk(response: HttpResponse, url: URL, what: string): Promise<void> {
  if (response.ok) return;
  await response.body?.cancel();
  throw new ProbeReadError(`HTTP ${response.status} from ${url.pathname}${url.search}: ${what}`);
}
