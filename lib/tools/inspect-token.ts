import "server-only";
import { compactVerify, decodeJwt, decodeProtectedHeader, errors, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import type { TokenRules } from "@/lib/config/estate";
import type { JwksCache } from "./jwks-cache";

export type TokenVerdict =
  | "valid"
  | "malformed"
  | "unsigned"
  | "algorithm-not-allowed"
  | "wrong-secret"
  | "expired"
  | "not-yet-valid"
  | "issued-in-the-future"
  | "wrong-audience"
  | "wrong-issuer"
  | "not-checked";

export interface TokenCheck {
  name: string;
  ok: boolean | null;
  detail: string;
}

export interface TokenReport {
  verdict: TokenVerdict;
  words: string;
  checks: TokenCheck[];
  header: Pick<ProtectedHeaderParameters, "alg" | "typ" | "kid"> | null;
  claims: { sub?: string; iss?: string; aud?: string | string[]; exp?: string; nbf?: string; iat?: string } | null;
}

const WORDS: Record<TokenVerdict, string> = {
  valid: "Valid: signature, times, audience and issuer all check out.",
  malformed: "Malformed: not three base64url parts with JSON inside — truncated, corrupted, or not a JWT at all.",
  unsigned: "Unsigned (alg: none): anyone could have written it. Refused.",
  "algorithm-not-allowed": "Signed with an algorithm this service does not accept.",
  "wrong-secret": "Signed with another secret: the signature does not verify with this service's key (a rotated secret, or a token from another issuer).",
  expired: "Expired: its exp is in the past. Request a new token; check the client's clock if it was just issued.",
  "not-yet-valid": "Not valid yet: its nbf is in the future. The issuer's clock runs ahead, or the token was minted for later.",
  "issued-in-the-future": "Issued in the future: its iat is ahead of this clock beyond the tolerance — clock skew between issuer and here.",
  "wrong-audience": "Wrong audience: it was issued for another service.",
  "wrong-issuer": "Wrong issuer: another party issued it.",
  "not-checked": "Decoded only: choose a service to check signature, audience and issuer.",
};

const iso = (seconds?: number) => (seconds === undefined ? undefined : new Date(seconds * 1000).toISOString());

function skew(seconds: number): string {
  const abs = Math.abs(seconds);
  const words = abs < 120 ? `${Math.round(abs)} s` : abs < 7_200 ? `${Math.round(abs / 60)} min` : `${Math.round(abs / 3_600)} h`;
  return seconds >= 0 ? `in ${words}` : `${words} ago`;
}

/**
 * Checks a pasted JWT the way a service would, one check at a time, so the
 * verdict can say which one fails. The token itself is never kept or returned.
 */
export async function inspectToken(token: string, rules: TokenRules | undefined, jwks: JwksCache, now = Date.now()): Promise<TokenReport> {
  const checks: TokenCheck[] = [];
  const compact = token.trim().replace(/^Bearer\s+/i, "");
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    if (compact.split(".").length !== 3) throw new Error(`${compact.split(".").length} parts, a JWT has 3`);
    header = decodeProtectedHeader(compact);
    payload = decodeJwt(compact);
  } catch (error) {
    checks.push({ name: "structure", ok: false, detail: (error as Error).message });
    return { verdict: "malformed", words: WORDS.malformed, checks, header: null, claims: null };
  }
  checks.push({ name: "structure", ok: true, detail: "three parts, JSON header and claims" });
  const report = (verdict: TokenVerdict): TokenReport => ({
    verdict,
    words: WORDS[verdict],
    checks,
    header: { alg: header.alg, typ: header.typ, kid: header.kid },
    claims: { sub: payload.sub, iss: payload.iss, aud: payload.aud, exp: iso(payload.exp), nbf: iso(payload.nbf), iat: iso(payload.iat) },
  });

  const nowSeconds = now / 1000;
  const tolerance = rules?.clockToleranceSeconds ?? 30;
  const failures: TokenVerdict[] = [];

  if (!header.alg || header.alg.toLowerCase() === "none") {
    checks.push({ name: "algorithm", ok: false, detail: "alg: none — no signature" });
    return report("unsigned");
  }
  const allowed = rules?.algorithms ?? ["HS256", "HS384", "HS512", "RS256", "ES256", "EdDSA"];
  const algOk = allowed.includes(header.alg);
  checks.push({ name: "algorithm", ok: algOk, detail: algOk ? header.alg : `${header.alg}, this service accepts ${allowed.join(", ")}` });
  if (!algOk) failures.push("algorithm-not-allowed");

  if (rules && algOk) {
    try {
      if (rules.secret) await compactVerify(compact, new TextEncoder().encode(rules.secret), { algorithms: allowed });
      else if (rules.jwksUrl) await compactVerify(compact, jwks.keysAt(rules.jwksUrl), { algorithms: allowed });
      checks.push({ name: "signature", ok: true, detail: `verifies with ${rules.secret ? "the service's secret" : "the service's JWKS"}` });
    } catch (error) {
      const detail = error instanceof errors.JWSSignatureVerificationFailed ? "does not verify with this service's key" : (error as Error).message;
      checks.push({ name: "signature", ok: false, detail });
      failures.push("wrong-secret");
    }
  } else {
    checks.push({ name: "signature", ok: null, detail: rules ? "not checked" : "not checked: no service chosen" });
  }

  if (payload.exp !== undefined) {
    const ok = payload.exp + tolerance >= nowSeconds;
    checks.push({ name: "exp", ok, detail: `expires ${iso(payload.exp)} (${skew(payload.exp - nowSeconds)})` });
    if (!ok) failures.push("expired");
  } else checks.push({ name: "exp", ok: null, detail: "no exp: the token never expires" });
  if (payload.nbf !== undefined) {
    const ok = payload.nbf - tolerance <= nowSeconds;
    checks.push({ name: "nbf", ok, detail: `valid from ${iso(payload.nbf)} (${skew(payload.nbf - nowSeconds)})` });
    if (!ok) failures.push("not-yet-valid");
  }
  if (payload.iat !== undefined) {
    const ok = payload.iat - tolerance <= nowSeconds;
    checks.push({ name: "iat", ok, detail: `issued ${iso(payload.iat)} (${skew(payload.iat - nowSeconds)}; tolerance ${tolerance} s)` });
    if (!ok) failures.push("issued-in-the-future");
  }
  if (rules?.audience) {
    const expected = [rules.audience].flat();
    const actual = [payload.aud ?? []].flat();
    const ok = actual.some((a) => expected.includes(a));
    checks.push({ name: "aud", ok, detail: `${actual.join(", ") || "(none)"}; expected ${expected.join(" or ")}` });
    if (!ok) failures.push("wrong-audience");
  }
  if (rules?.issuer) {
    const ok = payload.iss === rules.issuer;
    checks.push({ name: "iss", ok, detail: `${payload.iss ?? "(none)"}; expected ${rules.issuer}` });
    if (!ok) failures.push("wrong-issuer");
  }
  if (failures.length) return report(failures[0]!);
  return report(rules ? "valid" : "not-checked");
}
