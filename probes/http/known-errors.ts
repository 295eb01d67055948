import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Problems no probe raises, known so the error lookup can answer them. */
export const HTTP_KNOWN_ERRORS = [
  defineFinding({
    id: "http.api-key-rejected",
    title: "API key refused",
    severities: [],
    cause: "The API key is unknown, revoked or past its expiry (the key table says is_active false, revoked_at or expires_at set), or it does not have the sk_live_ / sk_test_ shape.",
    steps: ["Look the key's prefix up in the api_keys table: active, expiry, revocation.", "Issue a new key if it was revoked or expired; never reactivate a revoked key."],
    commands: (target) => [target.http(undefined)],
    matches: ["Invalid or expired API key", "401 Unauthorized", "Failed to verify API key"],
  }),
  defineFinding({
    id: "http.jwt-rejected",
    title: "JWT refused",
    severities: [],
    cause: "The token fails validation: expired (exp), signed with another secret, for another audience or issuer, or malformed. The token inspector says which.",
    steps: ["Paste the token into Lantern's token inspector (tools) to see which check fails.", "Compare the service's secret, audience and issuer with the issuer's (BETTER_AUTH_SECRET for user-sync)."],
    commands: (target) => [target.http(undefined)],
    matches: ["JWT Validation Fails", "invalid signature", "token is expired", "jwt expired", "signature verification failed"],
  }),
];
