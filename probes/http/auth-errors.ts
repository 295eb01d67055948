import { defineFinding, type FindingDefinition, type Severity } from "@/lib/probe-kit/define-finding";
import { httpAction } from "./action";
import { requestCommand, type RequestParams } from "./request-spec";

/**
 * The auth token service's error codes (AUTH_001–AUTH_012), each a known
 * problem with its HTTP status. Raised when a probe reads one in a body, and
 * found by the error lookup.
 */
const CODES: { code: string; status: number; meaning: string; cause: string; steps: string[]; curedByAction?: true }[] = [
  { code: "AUTH_001", status: 401, meaning: "Missing Consumer Headers", cause: "The request reached the service without X-Consumer-ID and X-Consumer-Username: it bypassed Kong, or Kong's consumer authentication did not inject them.", steps: ["Send requests through the Kong gateway, not to the service directly.", "Check the Kong route's authentication plugin and that it injects the consumer headers."] },
  { code: "AUTH_002", status: 401, meaning: "Consumer Not Found", cause: "Kong does not know the consumer named in the headers.", steps: ["Create the consumer in Kong, or correct the consumer the caller uses."] },
  { code: "AUTH_003", status: 500, meaning: "JWT Creation Failed", cause: "The consumer exists but a token could not be signed: no JWT credentials in Kong for it, or the JWT plugin is misconfigured.", steps: ["Check that the consumer has JWT credentials in Kong (not only an API key).", "Check the Kong JWT plugin's configuration and the service's logs."] },
  { code: "AUTH_004", status: 503, meaning: "Kong API Unavailable", cause: "The Kong Admin API did not answer: Kong is down, KONG_ADMIN_URL is wrong, the admin token expired, DNS or the network fails. Clients are told to retry after 30 s.", steps: ["Query Kong's /status directly from the service's host.", "Check KONG_ADMIN_URL and KONG_ADMIN_TOKEN.", "Watch the breaker: repeated failures open it (AUTH_005)."] },
  { code: "AUTH_005", status: 503, meaning: "Circuit Breaker Open", cause: "Too many Kong calls failed (50 % over 10 s), so the breaker stopped calling Kong; without a stale cache entry for the consumer, requests fail at once.", steps: ["Fix Kong first (see AUTH_004); the breaker goes half-open on its own after its timeout.", "Check whether stale cache is available: with it, tokens keep coming."], curedByAction: true },
  { code: "AUTH_006", status: 429, meaning: "Rate Limit Exceeded", cause: "The caller exceeded its request rate.", steps: ["Reduce the caller's rate or raise its limit; honour Retry-After."], curedByAction: true },
  { code: "AUTH_007", status: 400, meaning: "Invalid Request Format", cause: "A consumer header is longer than 256 characters, a limit that guards against injection.", steps: ["Check the consumer id and username lengths configured in Kong."] },
  { code: "AUTH_008", status: 500, meaning: "Internal Server Error", cause: "An unexpected failure inside the service.", steps: ["Read the service's logs around the request's id."] },
  { code: "AUTH_009", status: 401, meaning: "Anonymous Consumer", cause: "Kong marked the request as from an anonymous consumer (X-Anonymous-Consumer: true); anonymous consumers get no tokens.", steps: ["Configure the caller as an authenticated Kong consumer."] },
  { code: "AUTH_010", status: 401, meaning: "Token Expired", cause: "The token's exp is in the past (tokens live 15 minutes by default), or the client's clock runs ahead.", steps: ["Request a new token from /tokens and refresh before expiry.", "Compare the client's clock with the server's."] },
  { code: "AUTH_011", status: 400, meaning: "Invalid Token", cause: "The token is malformed, truncated, tampered with, or signed with another secret (the consumer's secret was rotated after it was issued).", steps: ["Check the token has three parts and was not cut in transit.", "Request a fresh token; check whether the consumer's secret changed."] },
  { code: "AUTH_012", status: 400, meaning: "Missing Authorization", cause: "No Authorization: Bearer <token> header on the validation request.", steps: ["Send Authorization: Bearer <jwt> (with the “Bearer ” prefix and no extra spaces)."] },
];

/** A code the service answers with on a server-side failure is critical; a refused request of the caller's is a warning. */
const severityOf = (status: number): Severity => (status >= 500 ? "crit" : "warn");

export const AUTH_ERROR_FINDINGS: Map<string, FindingDefinition> = new Map(
  CODES.map(({ code, status, meaning, cause, steps, curedByAction }) => [
    code,
    defineFinding({
      id: `http.${code.toLowerCase().replace("_", "-")}`,
      title: `${code} ${meaning} (HTTP ${status})`,
      severities: [severityOf(status)],
      cause,
      steps,
      // What the probe asked, then the service's breakers and caches.
      commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params), target.http("/metrics?view=operational")],
      matches: [code, meaning],
      // A breaker or a limiter of the service's own: an action it declares (a reset, a switch) may end it.
      ...(curedByAction ? { fixes: [httpAction] } : {}),
    }) as unknown as FindingDefinition,
  ]),
);

/** A known code in words, the HTTP status the service sends it with, and the finding it raises, how severely. */
export function authError(code: string): { words: string; status: number; finding: FindingDefinition; severity: Severity } | undefined {
  const entry = CODES.find((c) => c.code === code);
  if (!entry) return undefined;
  return { words: `${entry.code} ${entry.meaning} (HTTP ${entry.status})`, status: entry.status, finding: AUTH_ERROR_FINDINGS.get(code)!, severity: severityOf(entry.status) };
}
