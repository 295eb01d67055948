import { defineFinding } from "@/lib/probe-kit/define-finding";

/** Raised by the engine whenever a probe of an HTTP dependency is down. */
export const httpUnreachable = defineFinding<{ reason: string; url?: string }>({
  id: "http.unreachable",
  title: "Service not answering",
  severities: ["crit"],
  cause: "Nothing answers on the service's port in time: the process stopped or crashed, it is restarting, it listens elsewhere, or it is so busy it cannot accept connections.",
  steps: [
    "Check that the process runs and listens on this port (a crash loop shows as restarts).",
    "Read the last lines of its log for the reason it stopped.",
    "If it answers slowly rather than not at all, look at its event loop, CPU and the dependencies it waits on.",
  ],
  commands: (target) => [target.http(undefined)],
  explains: ["http.component-failing", "http.breaker-open", "http.breaker-half-open", "http.json-threshold", "http.auth-004", "http.auth-005"],
  matches: ["connection refused", "ECONNREFUSED", "context deadline exceeded", "socket hang up"],
});
