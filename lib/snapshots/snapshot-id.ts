/** A snapshot's id as its links carry it: 128 random bits, base64url. Alone in its module, so the proxy checks a path without loading zod. */
export const SNAPSHOT_ID = /^[A-Za-z0-9_-]{22}$/;
