import type { TLSSocket } from "node:tls";
import pg from "pg";
import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { below } from "@/lib/probe-kit/thresholds";

export const tlsRefused = defineFinding({
  id: "postgres.tls-refused",
  title: "TLS required but refused",
  cause: "The services connect with sslmode=require (or stricter) but the server does not offer TLS: ssl is off, or its certificate or key files are missing, so it started without TLS. Every such connection fails with “connection requires a valid SSL connection” or “no pg_hba.conf entry”.",
  steps: [
    "Check ssl, ssl_cert_file and ssl_key_file on the server (SHOW ssl).",
    "If the certificates are missing, generate them again and restart PostgreSQL.",
    "Check the DATABASE_URL of each service: sslmode=require and, for verify-full, sslrootcert.",
  ],
  commands: (target) => [target.psql("SHOW ssl;"), target.psql("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid();")],
  matches: ["connection requires a valid SSL connection", "The server does not support SSL connections", "no pg_hba.conf entry for host", "SSL off"],
});

export const certificateExpiry = defineFinding({
  id: "postgres.certificate-expiry",
  title: "Server certificate about to expire",
  cause: "The PostgreSQL server's TLS certificate expires soon; after that, clients that verify it (sslmode=verify-ca or verify-full) refuse to connect.",
  steps: ["Issue a new certificate for the server's host name before the date shown.", "Install it (ssl_cert_file, ssl_key_file) and reload PostgreSQL; no restart is needed for a reload of the files."],
  commands: (target) => [`openssl s_client -starttls postgres -connect ${target.url.hostname}:${target.url.port || "5432"} </dev/null 2>/dev/null | openssl x509 -noout -enddate -subject`],
  matches: ["certificate has expired", "CERT_HAS_EXPIRED"],
});

export const postgresTls = defineProbe({
  id: "postgres.tls",
  title: "TLS",
  kind: "postgres",
  params: z.strictObject({
    require: z.boolean().optional().describe("TLS must be offered; by default when the URL's sslmode is require, verify-ca or verify-full"),
    warnDays: z.number().default(21).describe("Days left on the certificate that warn"),
    critDays: z.number().default(7).describe("Days left on the certificate that are critical"),
  }),
  data: z.object({
    offered: z.boolean(),
    ownSession: z.boolean(),
    clientsOnTls: z.number(),
    clients: z.number(),
    certificate: z.object({ subject: z.string(), issuer: z.string(), validTo: z.string(), daysLeft: z.number() }).optional(),
  }),
  findings: [tlsRefused, certificateExpiry],
  command: (target) => target.psql("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid();"),
  async run(pool, params, signal) {
    const url = new URL(pool.options.connectionString!);
    const required = params.require ?? ["require", "verify-ca", "verify-full"].includes(url.searchParams.get("sslmode") ?? "");
    const { rows } = await pool.query<{ own: boolean; tls: number; total: number }>(
      `SELECT (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS own,
              count(*) FILTER (WHERE s.ssl)::int AS tls, count(*)::int AS total
       FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.backend_type = 'client backend'`,
    );
    const sessions = { ownSession: Boolean(rows[0]!.own), clientsOnTls: rows[0]!.tls, clients: rows[0]!.total };
    const certificate = await peerCertificate(url, signal);
    if (!certificate) {
      const summary = `the server does not offer TLS; ${sessions.clientsOnTls} of ${sessions.clients} sessions encrypted`;
      const data = { offered: false, ...sessions };
      if (!required) return { status: "ok", summary, data };
      return { status: "crit", summary, data, findings: [raise(tlsRefused, "crit", `sslmode requires TLS but ${url.host} does not offer it`, { sslmode: url.searchParams.get("sslmode") ?? "(set by the estate)" })] };
    }
    const daysLeft = Math.floor((Date.parse(certificate.validTo) - Date.now()) / 86_400_000);
    const verdict = below(daysLeft, { warn: params.warnDays, crit: params.critDays }, (d) => `${d} days`);
    const summary = `TLS offered, certificate ${certificate.subject} valid until ${certificate.validTo.slice(0, 10)} (${daysLeft} days); ${sessions.clientsOnTls} of ${sessions.clients} sessions encrypted`;
    const data = { offered: true, ...sessions, certificate: { ...certificate, daysLeft } };
    if (!verdict.severity) return { status: "ok", summary, data };
    return { status: verdict.severity, summary, data, findings: [raise(certificateExpiry, verdict.severity, `the certificate of ${url.host} expires in ${daysLeft} days`, { ...certificate, daysLeft, rule: verdict.rule })] };
  },
});

/** Opens one TLS session of its own to read the server's certificate; undefined when the server offers no TLS. */
async function peerCertificate(url: URL, signal: AbortSignal) {
  const plain = new URL(url);
  plain.searchParams.delete("sslmode");
  const client = new pg.Client({ connectionString: plain.href, ssl: { rejectUnauthorized: false }, application_name: "lantern", connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  const stop = () => void client.end().catch(() => undefined);
  signal.addEventListener("abort", stop, { once: true });
  try {
    await client.connect();
    const socket = (client as unknown as { connection: { stream: TLSSocket } }).connection.stream;
    const cert = socket.getPeerCertificate();
    return { subject: String(cert.subject?.CN ?? "?"), issuer: String(cert.issuer?.CN ?? "?"), validTo: new Date(cert.valid_to).toISOString() };
  } catch (error) {
    if (/does not support SSL/i.test((error as Error).message)) return undefined;
    throw error;
  } finally {
    signal.removeEventListener("abort", stop);
    await client.end().catch(() => undefined);
  }
}
