import { checkServerIdentity, connect, type PeerCertificate } from "node:tls";
import { z } from "zod";
import { amount, below } from "@/lib/probe-kit/bounds";
import type { CommandTarget } from "@/lib/probe-kit/commands";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { commandLine } from "@/lib/probe-kit/shell";

/** openssl asking the dependency's host and port for its certificate, by name (SNI); `then` reads what it printed. */
function opensslCommand(target: CommandTarget, options: string[], then = ""): string {
  const { hostname, port } = target.url;
  return `${commandLine(["openssl", "s_client", "-connect", `${hostname}:${port || 443}`, "-servername", hostname, ...options])} </dev/null${then}`;
}

const daysUntil = (validTo: string, now: number) => Math.floor((Date.parse(validTo) - now) / 86_400_000);

export const httpCertificateExpiry = defineFinding({
  id: "http.certificate-expiry",
  title: "Certificate about to expire",
  severities: ["warn", "crit"],
  cause: "The service's TLS certificate expires soon; after that every client that verifies it refuses to connect.",
  steps: ["Renew the certificate before the date shown (or check why automatic renewal did not).", "Deploy it and reload whatever terminates TLS."],
  commands: (target) => [opensslCommand(target, [], " 2>/dev/null | openssl x509 -noout -enddate -subject -issuer")],
  matches: ["certificate has expired", "CERT_HAS_EXPIRED"],
});

export const httpCertificateInvalid = defineFinding({
  id: "http.certificate-invalid",
  title: "Certificate not trusted",
  severities: ["crit"],
  cause: "The certificate does not verify: its chain does not lead to a trusted root (a missing intermediate, a self-signed certificate), or it was issued for another host name.",
  steps: ["Read the verification error.", "Serve the full chain (leaf and intermediates).", "Check the certificate's names cover the host clients use."],
  commands: (target) => [opensslCommand(target, ["-showcerts"])],
  matches: ["self signed certificate", "unable to verify the first certificate", "Hostname/IP does not match certificate's altnames", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "DEPTH_ZERO_SELF_SIGNED_CERT"],
});

export const httpTls = defineProbe({
  id: "http.tls",
  title: "TLS certificate",
  reads: "certificate expiry, chain, host name",
  kind: "http",
  params: z.strictObject({
    warnDays: amount(21, "Warn when the certificate expires in this many days or fewer"),
    critDays: amount(7, "Critical when the certificate expires in this many days or fewer"),
  }),
  data: z.object({
    host: z.string(),
    subject: z.string(),
    issuer: z.string(),
    validTo: z.string(),
    daysLeft: z.number(),
    trusted: z.boolean(),
    hostMatches: z.boolean(),
    /** Why Node does not trust the chain, when it does not. */
    authorizationError: z.string().optional(),
    /** The host-name mismatch, else the chain's error. */
    error: z.string().optional(),
  }),
  findings: [httpCertificateExpiry, httpCertificateInvalid],
  command: (target) => opensslCommand(target, [], " 2>/dev/null | openssl x509 -noout -enddate -subject"),
  async read(http, _params, signal, { now }) {
    const url = http.baseUrl;
    if (url.protocol !== "https:") throw new ProbeReadError(`${url.host} is served over plain HTTP: no certificate to check`);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const { cert, authorized, authorizationError } = await peer(host, Number(url.port || 443), signal);
    const identity = checkServerIdentity(host, cert);
    const validTo = new Date(cert.valid_to).toISOString();
    return {
      host,
      subject: String(cert.subject?.CN ?? "?"),
      issuer: String(cert.issuer?.CN ?? "?"),
      validTo,
      daysLeft: daysUntil(validTo, now),
      trusted: authorized,
      hostMatches: identity === undefined,
      ...(authorizationError ? { authorizationError } : {}),
      ...(authorizationError || identity ? { error: String(identity?.message ?? authorizationError) } : {}),
    };
  },
  judge(data, params, { now }) {
    const { host, validTo, trusted, hostMatches } = data;
    const daysLeft = daysUntil(validTo, now);
    const findings: RaisedFinding[] = [];
    const expiry = below(daysLeft, { warn: params.warnDays, crit: params.critDays }, (d) => `${d} days`);
    if (expiry.severity) findings.push(raise(httpCertificateExpiry, expiry.severity, `${host}: certificate expires in ${daysLeft} days (${validTo.slice(0, 10)})`, { ...data, daysLeft, rule: expiry.rule }));
    if (!trusted || !hostMatches) findings.push(raise(httpCertificateInvalid, "crit", `${host}: ${data.error}`, data));
    const summary = `${data.subject} by ${data.issuer}, valid until ${validTo.slice(0, 10)} (${daysLeft} days)${trusted ? ", trusted" : `, not trusted: ${data.authorizationError}`}${hostMatches ? "" : `, ${data.error}`}`;
    return { summary, findings };
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
