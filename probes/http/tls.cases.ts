import { JUDGING_NOW, judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpTls } from "./tls";

const DAY = 86_400_000;
/** A certificate that expires `days` days (and a few hours) after the judging moment. */
const reading = (days: number, over: { trusted?: boolean; hostMatches?: boolean; authorizationError?: string; error?: string } = {}) => ({
  host: "api.agentauri.ai",
  subject: "api.agentauri.ai",
  issuer: "R11",
  validTo: new Date(JUDGING_NOW + days * DAY + 3 * 3_600_000).toISOString(),
  daysLeft: days,
  trusted: true,
  hostMatches: true,
  ...over,
});
const selfSigned = { trusted: false, authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT", error: "DEPTH_ZERO_SELF_SIGNED_CERT" };

export default judgingCases(httpTls, {
  healthy: [
    { what: "60 days left, trusted", data: reading(60) },
    { what: "22 days left, a day before it warns", data: reading(22) },
  ],
  raises: [
    { what: "21 days left", finding: "http.certificate-expiry", severity: "warn", data: reading(21) },
    { what: "7 days left", finding: "http.certificate-expiry", severity: "crit", data: reading(7) },
    { what: "expired two days ago", finding: "http.certificate-expiry", severity: "crit", data: reading(-2, { trusted: false, authorizationError: "CERT_HAS_EXPIRED", error: "CERT_HAS_EXPIRED" }) },
    { what: "30 days left where the estate warns at 30", finding: "http.certificate-expiry", severity: "warn", data: reading(30), params: { warnDays: 30, critDays: 10 } },
    { what: "self-signed", finding: "http.certificate-invalid", severity: "crit", data: reading(300, selfSigned) },
    {
      what: "issued for another name",
      finding: "http.certificate-invalid",
      severity: "crit",
      data: { ...reading(80, { hostMatches: false, error: "Hostname/IP does not match certificate's altnames: Host: api.agentauri.ai. is not in the cert's altnames: DNS:agentauri.ai" }), subject: "agentauri.ai" },
    },
  ],
});
