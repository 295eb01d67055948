import type { Page } from "@playwright/test";
import { sha256Hex } from "@/lib/access/token-hash";
import { writtenForms } from "@/lib/secrets/redactor";
import type { LanternServer } from "./lantern-server";

/** The cookies a signed-in browser holds for this server. */
export async function sessionCookiesOf(page: Page, lantern: LanternServer): Promise<{ session: string; csrf: string }> {
  const cookies = await page.context().cookies(lantern.url);
  const value = (name: string) => {
    const cookie = cookies.find((c) => c.name === name)?.value;
    if (!cookie) throw new Error(`the page holds no ${name} cookie for ${lantern.url}: sign it in first`);
    return cookie;
  };
  return { session: value("lantern_session"), csrf: value("lantern_csrf") };
}

/**
 * Every credential of Lantern's own access a response must never carry: both
 * bearer tokens and their SHA-256 (what the estate file holds), and the
 * session and CSRF cookie values of a browser signed in with `page`.
 */
export async function accessSecretsOf(lantern: LanternServer, page: Page): Promise<Record<string, string>> {
  const { session, csrf } = await sessionCookiesOf(page, lantern);
  return {
    "operator token": lantern.token,
    "viewer token": lantern.viewerToken,
    "operator token's sha256": sha256Hex(lantern.token),
    "viewer token's sha256": sha256Hex(lantern.viewerToken),
    "lantern_session cookie": session,
    "lantern_csrf cookie": csrf,
  };
}

/** The names of the secrets `text` contains, in any form they can be written (none: `[]`). */
export function leakedIn(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => value.length > 0 && [value, ...writtenForms(value)].some((form) => text.includes(form)))
    .map(([name]) => name);
}

/** Signs in through /api/session outside a browser, as a script holding a token would: the cookie header and CSRF token of the new session. */
export async function signInForFetch(lantern: LanternServer, who: "operator" | "viewer" = "operator"): Promise<{ cookie: string; csrf: string; session: string }> {
  const answer = await fetch(`${lantern.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: lantern.url },
    body: JSON.stringify({ token: who === "operator" ? lantern.token : lantern.viewerToken }),
  });
  if (!answer.ok) throw new Error(`sign-in failed: ${answer.status} ${await answer.text()}`);
  const jar = new Map<string, string>();
  for (const line of answer.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
  }
  const session = jar.get("lantern_session");
  const csrf = jar.get("lantern_csrf");
  if (!session || !csrf) throw new Error(`sign-in set no session: ${answer.headers.getSetCookie().join(" | ")}`);
  return { cookie: `lantern_session=${session}; lantern_csrf=${csrf}`, csrf, session };
}

/**
 * Records the body of every answer `page` gets from `origin` (documents, RSC payloads,
 * API calls) from now on; live streams are left out, their bodies never end.
 */
export function recordResponses(page: Page, origin: string): () => Promise<string[]> {
  const pending: Promise<string>[] = [];
  page.on("response", (response) => {
    if (!response.url().startsWith(origin)) return;
    if (response.headers()["content-type"]?.startsWith("text/event-stream")) return;
    pending.push(response.text().catch(() => ""));
  });
  return () => Promise.all(pending);
}
