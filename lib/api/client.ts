import { SESSION_COOKIE, type Credentials } from "@/lib/access/access";

/** Set by Lantern's server from the socket itself; whatever a client sends under this name is replaced. */
export const PEER_HEADER = "x-lantern-peer";

/** The caller's address, for per-client limits; "unknown" where no front door stamped the request (tests in process). */
export function clientOf(request: Request): string {
  return request.headers.get(PEER_HEADER) ?? "unknown";
}

/** What a request shows of itself, for working out who sent it. */
export function credentialsOf(request: Request): Credentials {
  return {
    authorization: request.headers.get("authorization"),
    sessionId: cookieOf(request.headers.get("cookie"), SESSION_COOKIE),
    peer: clientOf(request),
    header: (name) => request.headers.get(name),
  };
}

export function cookieOf(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
