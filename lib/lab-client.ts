import "server-only";
import { errorResponse, serviceUnavailable } from "@/lib/api/responses";

/**
 * Lantern's only link to the lab is HTTP, to the URL in LANTERN_LAB_URL (set
 * by `npm run demo`). Without it there is no Lab page and no lab route: a
 * Lantern watching a real estate has nothing to break.
 */
export function labUrl(): string | undefined {
  return process.env.LANTERN_LAB_URL || undefined;
}

const CODES: Record<number, string> = { 400: "bad_request", 404: "not_found", 409: "conflict" };

/** Relays a lab call; the lab's refusals come back in Lantern's one error shape. */
export async function forwardToLab(method: "GET" | "POST", path: string): Promise<Response> {
  const base = labUrl();
  if (!base) return errorResponse(404, "not_found", "no lab here: Lantern is watching a real estate");
  let answer: globalThis.Response;
  try {
    answer = await fetch(`${base}${path}`, { method, signal: AbortSignal.timeout(60_000), cache: "no-store" });
  } catch {
    return serviceUnavailable(`the lab does not answer on ${base}`);
  }
  const text = await answer.text();
  if (answer.ok) return new Response(text, { status: answer.status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
  let message = `the lab answered HTTP ${answer.status}`;
  try {
    const said = (JSON.parse(text) as { error?: unknown }).error;
    if (typeof said === "string") message = said;
  } catch {
    // Not JSON: the status says enough.
  }
  return errorResponse(answer.status, CODES[answer.status] ?? "lab_failed", message);
}
