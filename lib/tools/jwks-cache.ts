import "server-only";
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

/** How long fetched keys are trusted before the next fetch. */
export const JWKS_TTL_MS = 10 * 60_000;
/** An unknown key id refetches at most this often, so made-up `kid`s cannot turn the inspector into a fetcher. */
const REFETCH_COOLDOWN_MS = 30_000;

/** One remote key set per JWKS URL of the estate, fetched once per TTL whatever the traffic. */
export class JwksCache {
  private readonly sets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly ttlMs = JWKS_TTL_MS) {}

  keysAt(url: string): JWTVerifyGetKey {
    let keys = this.sets.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(url), { cacheMaxAge: this.ttlMs, cooldownDuration: REFETCH_COOLDOWN_MS, timeoutDuration: 5_000 });
      this.sets.set(url, keys);
    }
    return keys;
  }
}
