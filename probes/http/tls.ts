import { checkServerIdentity, connect, type PeerCertificate } from "node:tls";
import { z } from "zod";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { below } from "@/lib/probe-kit/thresholds";

export const httpCertificateExpiry = defineFinding({
  id: "http.certificate-expiry",
  title: "Certificate about to expire",
  cause: "The service's TLS certificate expires soon; after that every client that verifies it refuses to connect.",
  steps: ["Renew the certificate before the date shown (or check why automatic renewal did not).", "Deploy it and reload whatever terminates TLS."],
  commands: (target) => [`openssl s_client -connect ${target.url.hostname}:${target.url.port || 443} -servername ${target.url.hostname} </dev/null 2>/dev/null | openssl x509 -noout -enddate -subject -issuer`],
  matches: ["certificate has expired", "CERT_HAS_EXPIRED"],
});

export const httpCertificateInvalid = defineFinding({
  id: "http.certificate-invalid",
  title: "Certificate not trusted",
  cause: "The certificate does not verify: its chain does not lead to a trusted root (a missing intermediate, a self-signed certificate), or it was issued for another host name.",
  steps: ["Read the verification error.", "Serve the full chain (leaf and intermediates).", "Check the certificate's names cover the host clients use."],
  commands: (target) => [`openssl s_client -connect ${target.url.hostname}:${target.url.port || 443} -servername ${target.url.hostname} -showcerts </dev/null`],
  matches: ["self signed certificate", "unable to verify the first certificate", "Hostname/IP does not match certificate's altnames", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "DEPTH_ZERO_SELF_SIGNED_CERT"],
});

export const httpTls = defineProbe({
  id: "http.tls",
  title: "TLS certificate",
  kind: "http",
  params: z.strictObject({
    warnDays: z.number().default(21),
    critDays: z.number().default(7),
  }),
  data: z.object({ subject: z.string(), issuer: z.string(), validTo: z.string(), daysLeft: z.number(), trusted: z.boolean(), hostMatches: z.boolean(), error: z.string().optional() }),
  findings: [httpCertificateExpiry, httpCertificateInvalid],
  command: (target) => `openssl s_client -connect ${target.url.hostname}:${target.url.port || 443} -servername ${target.url.hostname} </dev/null 2>/dev/null | openssl x509 -noout -enddate -subject`,
  async run(http, params, signal) {
    const url = http.baseUrl;
    if (url.protocol !== "https:") {
      return { status: "error", summary: `${url.host} is served over plain HTTP: no certificate to check`, data: { subject: "", issuer: "", validTo: "", daysLeft: 0, trusted: false, hostMatches: false } };
    }
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const { cert, authorized, authorizationError } = await peer(host, Number(url.port || 443), signal);
    const identity = checkServerIdentity(host, cert);
    const daysLeft = Math.floor((Date.parse(cert.valid_to) - Date.now()) / 86_400_000);
    const data = {
      subject: String(cert.subject?.CN ?? "?"),
      issuer: String(cert.issuer?.CN ?? "?"),
      validTo: new Date(cert.valid_to).toISOString(),
      daysLeft,
      trusted: authorized,
      hostMatches: identity === undefined,
      ...(authorizationError || identity ? { error: String(identity?.message ?? authorizationError) } : {}),
    };
    const findings: RaisedFinding[] = [];
    const expiry = below(daysLeft, { warn: params.warnDays, crit: params.critDays }, (d) => `${d} days`);
    if (expiry.severity) findings.push(raise(httpCertificateExpiry, expiry.severity, `${host}: certificate expires in ${daysLeft} days (${data.validTo.slice(0, 10)})`, { ...data, rule: expiry.rule }));
    if (!authorized || identity) findings.push(raise(httpCertificateInvalid, "crit", `${host}: ${data.error}`, data));
    const summary = `${data.subject} by ${data.issuer}, valid until ${data.validTo.slice(0, 10)} (${daysLeft} days)${authorized ? ", trusted" : `, not trusted: ${authorizationError}`}${identity ? `, ${identity.message}` : ""}`;
    const status = findings.some((f) => f.severity === "crit") ? "crit" : findings.length ? "warn" : "ok";
    return { status, summary, data, findings };
  },
});

/** The server's certificate and whether Node trusts it; never fails on an untrusted one, that is what is being read. */
function peer(host: string, port: number, signal: AbortSignal): Promise<{ cert: PeerCertificate; authorized: boolean; authorizationError?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host, rejectUnauthorized: false });
    const abort = () => socket.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", abort, { once: true });
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      const answer = { cert, authorized: socket.authorized, ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}) };
      signal.removeEventListener("abort", abort);
      socket.end();
      resolve(answer);
    });
    socket.once("error", (error) => {
      signal.removeEventListener("abort", abort);
      reject(error);
    });
  });
}
