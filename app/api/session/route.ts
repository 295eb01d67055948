import { z } from "zod";
import { CSRF_COOKIE, SESSION_COOKIE } from "@/lib/access/access";
import { errorResponse, ok } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { labUrl } from "@/lib/lab-client";

export const dynamic = "force-dynamic";

const signInSchema = z.strictObject({ token: z.string().min(1).max(512) });

/** Who am I: the access mode, and the signed-in actor (with the estate's name) or null. */
export const GET = route({ role: "public" }, async ({ actor, lantern }) =>
  ok({
    mode: lantern.estate.access.mode,
    actor,
    ...(actor ? { estate: lantern.estate.name, lab: labUrl() !== undefined, storeReachable: lantern.records?.writes.storeReachable ?? true } : {}),
  }),
);

/** Sign in with a token: a session cookie (HttpOnly, SameSite=Strict) and the CSRF token for writes. */
export const POST = route({ role: "public", body: signInSchema }, async ({ body, request, client, lantern }) => {
  const { access } = lantern;
  if (access.config.mode !== "token") return errorResponse(409, "no_sign_in", `access mode is "${access.config.mode}": there is nothing to sign in to`);
  const actor = access.actorOfToken(body.token);
  if (!actor) {
    const verdict = access.failures.take(client);
    if (!verdict.allowed) return errorResponse(429, "rate_limited", `too many wrong tokens from this address; try again in ${verdict.retryAfterSeconds} s`, undefined, { "retry-after": String(verdict.retryAfterSeconds) });
    return errorResponse(401, "unauthorized", "that token is not one of this estate's");
  }
  const { sessionId, csrfToken } = await access.signIn(actor);
  const secure = request.headers.get("x-forwarded-proto") === "https" || new URL(request.url).protocol === "https:";
  const flags = `Path=/; SameSite=Strict${secure ? "; Secure" : ""}`;
  const headers = new Headers({ "cache-control": "no-store" });
  headers.append("set-cookie", `${SESSION_COOKIE}=${sessionId}; HttpOnly; ${flags}`);
  // Readable by the page, which sends it back as a header: a site that cannot read it cannot forge a write.
  headers.append("set-cookie", `${CSRF_COOKIE}=${csrfToken}; ${flags}`);
  return Response.json({ actor }, { headers });
});

/** Sign out: the session is deleted in the store and the cookies cleared. */
export const DELETE = route({ role: "viewer" }, async ({ caller, lantern }) => {
  if (caller.via === "session") await lantern.access.signOut(caller.session.idHash, true);
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of [SESSION_COOKIE, CSRF_COOKIE]) headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; SameSite=Strict`);
  return Response.json({ actor: null }, { headers });
});
