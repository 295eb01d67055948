import "server-only";
import { randomBytes } from "node:crypto";
import { RateLimit } from "@/lib/api/rate-limit";
import { deleteSession, findSession, insertSession, touchSession, type SessionRow } from "@/lib/store/sessions";
import type { Store } from "@/lib/store/store";
import type { AccessConfig } from "./access-schema";
import { ANONYMOUS, type Actor } from "./actor";
import { sameDigest, sha256Hex } from "./token-hash";
import { addressMatcher } from "./trusted-addresses";

export const SESSION_COOKIE = "lantern_session";
export const CSRF_COOKIE = "lantern_csrf";
export const CSRF_HEADER = "x-csrf-token";
/** A session unused this long is over. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
// Recording every request's time would write on every page view; once a minute is enough for a 12 h idle limit.
const TOUCH_EVERY_MS = 60_000;
const FAILED_ATTEMPTS_PER_MINUTE = 10;

/** Who is asking, and how they proved it. */
export type Caller =
  | { actor: Actor; via: "none" | "bearer" | "proxy" }
  | { actor: Actor; via: "session"; session: SessionRow }
  | { actor: null; via: "anonymous" | "bad-token" };

/** What a request shows of itself: headers, cookies, and the address it came from. */
export interface Credentials {
  authorization: string | null;
  sessionId: string | undefined;
  peer: string;
  header(name: string): string | null;
}

/**
 * Who may do what, per the estate's `access`: nobody checked (`none`),
 * bearer tokens and sign-in sessions (`token`), or an auth proxy's headers
 * believed only from its own addresses (`proxy`). Tokens are known by their
 * SHA-256 only; sessions live in the store, known by the hash of their id.
 */
export class Access {
  private readonly trusted: (address: string) => boolean;
  /** Wrong tokens per address and minute. */
  readonly failures = new RateLimit(FAILED_ATTEMPTS_PER_MINUTE, 60_000);

  constructor(
    readonly config: AccessConfig,
    private readonly store: Store | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    this.trusted = addressMatcher(config.proxy?.trustedAddresses ?? []);
  }

  async identify(credentials: Credentials): Promise<Caller> {
    if (this.config.mode === "none") return { actor: ANONYMOUS, via: "none" };
    if (this.config.mode === "proxy") return this.fromProxy(credentials);
    const bearer = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? "")?.[1];
    if (bearer) {
      const actor = this.actorOfToken(bearer);
      return actor ? { actor, via: "bearer" } : { actor: null, via: "bad-token" };
    }
    if (credentials.sessionId) {
      const session = await this.session(credentials.sessionId);
      if (session) return { actor: { name: session.actor, role: session.role }, via: "session", session };
    }
    return { actor: null, via: "anonymous" };
  }

  actorOfToken(token: string): Actor | undefined {
    const digest = sha256Hex(token);
    const match = this.config.tokens.find((t) => sameDigest(t.sha256, digest));
    return match && { name: match.name, role: match.role };
  }

  /** Signs a person in with their token: a new session and its CSRF token. */
  async signIn(actor: Actor): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(32).toString("base64url");
    await insertSession(this.requireStore(), { idHash: sha256Hex(sessionId), actor: actor.name, role: actor.role, csrfToken, lastSeen: new Date(this.clock()) });
    return { sessionId, csrfToken };
  }

  /** Ends a session, known by its id or (`hashed`) by the hash of it. */
  async signOut(session: string, hashed = false): Promise<void> {
    await deleteSession(this.requireStore(), hashed ? session : sha256Hex(session));
  }

  private async session(sessionId: string): Promise<SessionRow | undefined> {
    if (!this.store) return undefined;
    const now = this.clock();
    const session = await findSession(this.store, sha256Hex(sessionId), new Date(now - SESSION_IDLE_MS));
    if (session && now - session.lastSeen.getTime() > TOUCH_EVERY_MS) await touchSession(this.store, session.idHash, new Date(now));
    return session;
  }

  private fromProxy(credentials: Credentials): Caller {
    const proxy = this.config.proxy!;
    // Headers from anyone but the proxy are what any client can type.
    if (!this.trusted(credentials.peer)) return { actor: null, via: "anonymous" };
    const name = credentials.header(proxy.userHeader)?.trim();
    if (!name) return { actor: null, via: "anonymous" };
    const groups = (credentials.header(proxy.roleHeader) ?? "").split(",").map((g) => g.trim());
    return { actor: { name, role: groups.some((g) => proxy.operatorValues.includes(g)) ? "operator" : "viewer" }, via: "proxy" };
  }

  private requireStore(): Store {
    if (!this.store) throw new Error("sessions need Lantern's store");
    return this.store;
  }
}
