import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Raised by the engine whenever a probe of a PostgreSQL dependency is down. */
export const postgresUnreachable = defineFinding<{ reason: string }>({
  id: "postgres.unreachable",
  title: "PostgreSQL unreachable",
  severities: ["crit"],
  cause:
    "Lantern cannot open a session: the server is stopped or restarting, the host or port is wrong, a firewall drops the traffic, the credentials are refused, or every connection slot is taken.",
  steps: [
    "Read the reason: “connection refused” means nothing listens on the port; a timeout means the host or the network does not answer; “authentication failed” means the user or password no longer match; “too many connections” means the slots are full.",
    "Check that the server runs and accepts connections on this host and port.",
    "Check the credentials the services use against the ones the server knows.",
    "If slots are full, find who holds them (see the connections probe) before raising max_connections.",
  ],
  commands: (target) => [target.psql("\\conninfo"), target.psql("SELECT count(*) FROM pg_stat_activity;"), target.psql("SHOW max_connections;")],
  explains: ["http.component-failing", "postgres.query-threshold"],
  matches: ["connection refused", "ECONNREFUSED", "failed to connect to host", "password authentication failed", "no pg_hba.conf entry", "the database system is starting up"],
});
