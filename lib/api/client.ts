/** Set by Lantern's server from the socket itself; whatever a client sends under this name is replaced. */
export const PEER_HEADER = "x-lantern-peer";

/** The caller's address, for per-client limits; "unknown" where no front door stamped the request (tests in process). */
export function clientOf(request: Request): string {
  return request.headers.get(PEER_HEADER) ?? "unknown";
}
