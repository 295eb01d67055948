import { JUDGING_NOW, judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresTls } from "./tls";

const DAY_MS = 86_400_000;
const offered = (daysLeft: number) => ({
  server: "db.internal:5432",
  sslmode: "require",
  offered: true,
  ownSession: true,
  clientsOnTls: 14,
  clients: 14,
  certificate: { subject: "db.internal", issuer: "AgentAuri Root CA", validTo: new Date(JUDGING_NOW + daysLeft * DAY_MS).toISOString(), daysLeft },
});
const plain = (sslmode: string | null) => ({ server: "db.internal:5432", sslmode, offered: false, ownSession: false, clientsOnTls: 0, clients: 9 });

export default judgingCases(postgresTls, {
  healthy: [
    { what: "a certificate good for three months", data: offered(90) },
    { what: "22 days left, just outside the warn mark", data: offered(22) },
    { what: "no TLS, and nobody asks for it", data: plain(null) },
    { what: "no TLS with sslmode=prefer", data: plain("prefer") },
  ],
  raises: [
    { what: "21 days left", finding: "postgres.certificate-expiry", severity: "warn", data: offered(21) },
    { what: "7 days left", finding: "postgres.certificate-expiry", severity: "crit", data: offered(7) },
    { what: "expired yesterday", finding: "postgres.certificate-expiry", severity: "crit", data: offered(-1) },
    { what: "thresholds set in the estate", finding: "postgres.certificate-expiry", severity: "warn", data: offered(40), params: { warnDays: 45, critDays: 14 } },
    { what: "sslmode=require but the server offers no TLS", finding: "postgres.tls-refused", severity: "crit", data: plain("require") },
    { what: "TLS required by the estate, whatever the URL says", finding: "postgres.tls-refused", severity: "crit", data: plain(null), params: { require: true } },
  ],
});
