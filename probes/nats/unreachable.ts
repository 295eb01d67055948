import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Raised by the engine whenever a probe of a NATS dependency is down. */
export const natsUnreachable = defineFinding<{ reason: string }>({
  id: "nats.unreachable",
  title: "NATS unreachable",
  severities: ["crit"],
  cause:
    "Lantern cannot connect to the NATS server: it is stopped, the URL or port is wrong, the network drops the traffic, or the credentials are refused. Publishers buffer or fail, consumers stop receiving.",
  steps: [
    "Check that nats-server runs and listens on this host and port (the client port, usually 4222).",
    "Check the server's own health endpoint on its monitoring port (usually 8222, /healthz).",
    "On an authorization violation, compare the user, password, token or credentials file the services use.",
    "Once it is back, check that durable consumers resume and their backlog drains.",
  ],
  commands: (target) => [target.nats("server", "check", "connection"), target.nats("server", "ping")],
  explains: ["http.component-failing"],
  matches: ["nats: no servers available for connection", "connection refused", "Authorization Violation", "nats: timeout"],
});
