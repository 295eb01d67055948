import type { TLSSocket } from "node:tls";
import pg from "pg";
import { z } from "zod";
import { amount, below } from "@/lib/probe-kit/bounds";
import type { CommandTarget } from "@/lib/probe-kit/commands";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { commandLine } from "@/lib/probe-kit/shell";

const DAY_MS = 86_400_000;
const REQUIRING = ["require", "verify-ca", "verify-full"];

export const tlsRefused = defineFinding({
  id: "postgres.tls-refused",
  title: "TLS required but refused",
  severities: ["crit"],
  cause: "The services connect with sslmode=require (or stricter) but the server does not offer TLS: ssl is off, or its certificate or key files are missing, so it started without TLS. Every such connection fails with “connection requires a valid SSL connection” or “no pg_hba.conf entry”.",
  steps: [
    "Check ssl, ssl_cert_file and ssl_key_file on the server (SHOW ssl).",
    "If the certificates are missing, generate them again and restart PostgreSQL.",
    "Check the DATABASE_URL of each service: sslmode=require and, for verify-full, sslrootcert.",
  ],
  commands: (target) => [target.psql("SHOW ssl;"), target.psql("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid();")],
  matches: ["connection requires a valid SSL connection", "The server does not support SSL connections", "no pg_hba.conf entry for host", "SSL off"],
});

/** The server's certificate as a client sees it; CommandTarget has no TLS command of its own, so the host and port are quoted here. */
function peerCertificateCommand(target: CommandTarget): string {
  const connect = commandLine(["openssl", "s_client", "-starttls", "postgres", "-connect", `${target.url.hostname}:${target.url.port || "5432"}`]);
  return `${connect} </dev/null 2>/dev/null | openssl x509 -noout -enddate -subject`;
}

export const certificateExpiry = defineFinding({
  id: "postgres.certificate-expiry",
  title: "Server certificate about to expire",
  severities: ["warn", "crit"],
  cause: "The PostgreSQL server's TLS certificate expires soon; after that, clients that verify it (sslmode=verify-ca or verify-full) refuse to connect.",
  steps: ["Issue a new certificate for the server's host name before the date shown.", "Install it (ssl_cert_file, ssl_key_file) and reload PostgreSQL; no restart is needed for a reload of the files."],
  commands: (target) => [peerCertificateCommand(target), target.psql("SHOW ssl_cert_file;")],
  matches: ["certificate has expired", "CERT_HAS_EXPIRED"],
});

const daysUntil = (validTo: string, now: number) => Math.floor((Date.parse(validTo) - now) / DAY_MS);

export const postgresTls = defineProbe({
  id: "postgres.tls",
  title: "TLS",
  reads: "TLS offered, certificate expiry, sessions encrypted",
  kind: "postgres",
  params: z.strictObject({
    require: z.boolean().optional().describe("TLS must be offered; by default when the URL's sslmode is require, verify-ca or verify-full"),
    warnDays: amount(21, "Days left on the certificate that warn (at or under)"),
    critDays: amount(7, "Days left on the certificate that are critical (at or under)"),
  }),
  data: z.object({
    /** host:port as the services reach it, and the sslmode of its URL: what decides whether TLS is required. */
    server: z.string(),
    sslmode: z.string().nullable(),
    offered: z.boolean(),
    ownSession: z.boolean(),
    clientsOnTls: z.number(),
    clients: z.number(),
    certificate: z.object({ subject: z.string(), issuer: z.string(), validTo: z.string(), daysLeft: z.number() }).optional(),
  }),
  findings: [tlsRefused, certificateExpiry],
  command: (target) => target.psql("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid();"),
  async read(pool, _params, signal) {
    const url = new URL(pool.options.connectionString!);
    const { rows } = await pool.query<{ own: boolean; tls: number; total: number }>(
      `SELECT (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS own,
              count(*) FILTER (WHERE s.ssl)::int AS tls, count(*)::int AS total
       FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.backend_type = 'client backend'`,
    );
    const certificate = await peerCertificate(url, signal);
    return {
      server: url.host,
      sslmode: url.searchParams.get("sslmode"),
      offered: certificate !== undefined,
      ownSession: Boolean(rows[0]!.own),
      clientsOnTls: rows[0]!.tls,
      clients: rows[0]!.total,
      ...(certificate ? { certificate: { ...certificate, daysLeft: daysUntil(certificate.validTo, Date.now()) } } : {}),
    };
  },
  judge({ server, sslmode, clientsOnTls, clients, certificate }, params, { now }) {
    const sessions = `${clientsOnTls} of ${clients} sessions encrypted`;
    if (!certificate) {
      const summary = `the server does not offer TLS; ${sessions}`;
      if (!(params.require ?? REQUIRING.includes(sslmode ?? ""))) return { summary, findings: [] };
      return { summary, findings: [raise(tlsRefused, "crit", `sslmode requires TLS but ${server} does not offer it`, { sslmode: sslmode ?? "(set by the estate)" })] };
    }
    // Days from the judge's own clock, so the verdict does not depend on when the certificate was read.
    const daysLeft = daysUntil(certificate.validTo, now);
    const verdict = below(daysLeft, { warn: params.warnDays, crit: params.critDays }, (d) => `${d} days`);
    const summary = `TLS offered, certificate ${certificate.subject} valid until ${certificate.validTo.slice(0, 10)} (${daysLeft} days); ${sessions}`;
    if (!verdict.severity) return { summary, findings: [] };
    return { summary, findings: [raise(certificateExpiry, verdict.severity, `the certificate of ${server} expires in ${daysLeft} days`, { ...certificate, daysLeft, rule: verdict.rule })] };
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
