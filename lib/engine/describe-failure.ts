import { ProbeReadError } from "@/lib/probe-kit/read-error";

/** The hard deadline of a probe run, raised by the runner whatever the client was doing. */
export class ProbeTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timeout after ${timeoutMs} ms`);
    this.name = "ProbeTimeoutError";
  }
}

export interface Failure {
  /** down: the dependency cannot be reached or refuses Lantern; error: Lantern reached it but could not read. */
  status: "down" | "error";
  reason: string;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "DNS lookup failed",
  EAI_AGAIN: "DNS lookup failed",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  // PostgreSQL SQLSTATEs that mean "this server will not take us".
  "28P01": "authentication failed",
  "28000": "authentication failed",
  "3D000": "database does not exist",
  "53300": "too many connections (remaining connection slots are reserved)",
  "57P03": "the server is starting up or shutting down",
};

const TIMEOUT = /timeout|timed out|ETIMEDOUT/i;
const AUTH = /NOAUTH|WRONGPASS|invalid password|authorization violation|authentication (failed|required|timeout)|user not found/i;
const RESET = /connection terminated unexpectedly|connection is closed|socket hang up|ECONNRESET/i;
const TLS = /ERR_TLS|CERT_|SELF_SIGNED|UNABLE_TO_VERIFY|certificate|ssl|tls/i;

/** Turns whatever a client threw into the status and words an engineer reads on the card. */
export function describeFailure(error: unknown, timeoutMs: number, redact: (text: string) => string): Failure {
  if (error instanceof ProbeReadError) return { status: "error", reason: redact(error.message) };
  const chain = causes(error);
  if (chain.some((e) => e instanceof ProbeTimeoutError || e.name === "TimeoutError" || TIMEOUT.test(`${codeOf(e)} ${e.message}`))) {
    return { status: "down", reason: `timeout after ${timeoutMs} ms` };
  }
  for (const e of chain) {
    const known = NETWORK[codeOf(e)];
    if (known) return { status: "down", reason: known };
  }
  const text = chain.map((e) => `${codeOf(e)} ${e.message}`).join(" ");
  if (/ECONNREFUSED|connection refused/i.test(text)) return { status: "down", reason: "connection refused" };
  if (AUTH.test(text)) return { status: "down", reason: "authentication failed" };
  if (RESET.test(text)) return { status: "down", reason: "connection reset" };
  if (TLS.test(text)) return { status: "down", reason: `TLS: ${redact(chain.at(-1)!.message)}` };
  return { status: "error", reason: redact(chain[0]?.message || "probe failed") };
}

function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = current.cause;
  }
  if (chain.length === 0) chain.push(new Error(String(error)));
  return chain;
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "";
}
