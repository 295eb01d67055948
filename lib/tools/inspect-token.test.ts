import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { TokenRules } from "@/lib/config/estate";
import { inspectToken } from "./inspect-token";
import { JwksCache } from "./jwks-cache";

const SECRET = "the-service-secret-0123456789";
const rules: TokenRules = { secret: SECRET, audience: "go-backend", issuer: "bun-monolith", algorithms: ["HS256"], clockToleranceSeconds: 30 };
const NOW = Date.parse("2026-11-22T12:00:00Z");
const at = (offsetSeconds: number) => Math.floor(NOW / 1000) + offsetSeconds;

function token(claims: { exp?: number; nbf?: number; iat?: number; aud?: string; iss?: string }, secret = SECRET) {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject("auth_042").setIssuer(claims.iss ?? "bun-monolith").setAudience(claims.aud ?? "go-backend").setIssuedAt(claims.iat ?? at(-60));
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  else jwt.setExpirationTime(at(600));
  if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
  return jwt.sign(new TextEncoder().encode(secret));
}

describe("inspectToken", () => {
  it.each([
    ["valid", () => token({}), "valid"],
    ["expired", () => token({ exp: at(-120) }), "expired"],
    ["not yet valid", () => token({ nbf: at(600) }), "not-yet-valid"],
    ["issued in the future", () => token({ iat: at(300) }), "issued-in-the-future"],
    ["wrong audience", () => token({ aud: "someone-else" }), "wrong-audience"],
    ["wrong issuer", () => token({ iss: "somebody" }), "wrong-issuer"],
    ["wrong secret", () => token({}, "another-secret-9876543210"), "wrong-secret"],
    ["alg none", async () => new UnsecuredJWT({ sub: "auth_042" }).setIssuer("bun-monolith").setAudience("go-backend").encode(), "unsigned"],
    ["malformed", async () => "eyJhbGciOiJIUzI1NiJ9.not-base64!.x", "malformed"],
    ["two parts", async () => "abc.def", "malformed"],
  ])("%s", async (_name, make, verdict) => {
    const report = await inspectToken(await make(), rules, new JwksCache(), NOW);
    expect(report.verdict).toBe(verdict);
    expect(report.words.length).toBeGreaterThan(10);
  });

  it("shows the skew and tolerance, and never returns the token or the signature", async () => {
    const jwt = await token({ exp: at(-120) });
    const report = await inspectToken(`Bearer ${jwt}`, rules, new JwksCache(), NOW);
    expect(report.checks.find((c) => c.name === "exp")).toEqual({ name: "exp", ok: false, detail: "expires 2026-11-22T11:58:00.000Z (2 min ago)" });
    expect(report.claims).toMatchObject({ sub: "auth_042", aud: "go-backend", exp: "2026-11-22T11:58:00.000Z" });
    const text = JSON.stringify(report);
    for (const part of jwt.split(".")) expect(text).not.toContain(part);
  });

  it("without a service, decodes and checks the times only", async () => {
    const report = await inspectToken(await token({}), undefined, new JwksCache(), NOW);
    expect(report.verdict).toBe("not-checked");
    expect(report.checks.find((c) => c.name === "signature")?.ok).toBeNull();
  });
});
