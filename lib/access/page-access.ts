import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { PEER_HEADER } from "@/lib/api/client";
import { getLantern, type Lantern } from "@/lib/engine/runtime";
import { SESSION_COOKIE } from "./access";
import type { Actor } from "./actor";

/** Set by Lantern's server: the path a page was asked for, to come back to after signing in. */
export const PATH_HEADER = "x-lantern-path";

/** For pages: the running Lantern and who is looking (null when nobody is signed in). */
export async function callerOfPage(): Promise<{ lantern: Lantern; actor: Actor | null; now: number; signIn: () => never }> {
  const lantern = await getLantern();
  const [headerList, cookieJar] = await Promise.all([headers(), cookies()]);
  const caller = await lantern.access.identify({
    authorization: headerList.get("authorization"),
    sessionId: cookieJar.get(SESSION_COOKIE)?.value,
    peer: headerList.get(PEER_HEADER) ?? "unknown",
    header: (name) => headerList.get(name),
  });
  const signIn = () => redirect(`/login?next=${encodeURIComponent(headerList.get(PATH_HEADER) ?? "/")}`);
  return { lantern, actor: caller.actor, now: Date.now(), signIn };
}

/** For pages: the running Lantern and who is looking, or a redirect to /login when nobody is signed in. */
export async function viewerOfPage(): Promise<{ lantern: Lantern; actor: Actor; now: number }> {
  const { lantern, actor, now, signIn } = await callerOfPage();
  if (!actor) signIn();
  return { lantern, actor: actor!, now };
}
