import "server-only";

/**
 * Lantern's only link to the lab is HTTP, to the URL in LANTERN_LAB_URL (set
 * by `npm run demo`). Without it there is no Lab page and no lab route: a
 * Lantern watching a real estate has nothing to break.
 */
export function labUrl(): string | undefined {
  return process.env.LANTERN_LAB_URL || undefined;
}

export async function forwardToLab(method: "GET" | "POST", path: string): Promise<Response> {
  const base = labUrl();
  if (!base) return Response.json({ error: { code: "not_found", message: "no lab here: Lantern is watching a real estate" } }, { status: 404 });
  try {
    const answer = await fetch(`${base}${path}`, { method, signal: AbortSignal.timeout(60_000), cache: "no-store" });
    return new Response(await answer.text(), { status: answer.status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
  } catch {
    return Response.json({ error: { code: "unavailable", message: `the lab does not answer on ${base}` } }, { status: 503 });
  }
}
