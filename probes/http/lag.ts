import { z } from "zod";
import type { CommandTarget } from "@/lib/probe-kit/commands";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { above } from "@/lib/probe-kit/thresholds";
import { numberAt } from "./json-path";
import { readLimitedBody } from "./read-body";

export const lagBehind = defineFinding({
  id: "http.lag",
  title: "Falling behind its source",
  cause: "What the service has processed trails what its source has produced (an indexer's latest block behind the chain head): the RPC provider rate-limits it, it crashed or stalled, or a chain reorganisation stopped it.",
  steps: ["Check the service's logs for rate-limit errors from its RPC provider; add a fallback provider.", "Restart it if it stalled; after a reorganisation, reset it to the last stable checkpoint.", "Watch the gap close."],
  commands: (target, _evidence, params: Partial<LagParams>) => [target.http(params.path), ...(params.reference ? [referenceCommand(target, params.reference)] : [])],
  matches: ["Indexer not syncing", "Indexer appears stuck", "rate limit exceeded"],
});

const lagParams = z.strictObject({
  title: z.string().default("lag").describe('What the gap counts, e.g. "blocks behind the chain head"'),
  path: z.string().optional().describe("Where the service reports its position"),
  field: z.string().describe("Dotted path to the position in that answer"),
  reference: z.strictObject({
    url: z.string().url().describe("Where the source reports its head"),
    headers: z.record(z.string(), z.string()).default({}).describe("Headers for the source only; the dependency's own headers never go to another origin"),
    jsonrpc: z.string().optional().describe("A JSON-RPC method returning the head, e.g. eth_blockNumber"),
    field: z.string().optional().describe("Dotted path to the head in a JSON answer (without jsonrpc)"),
  }),
  warn: z.number().min(0).default(10),
  crit: z.number().min(0).default(100),
});

type LagParams = z.output<typeof lagParams>;
type Reference = LagParams["reference"];

/** How the source is asked for its head: a JSON-RPC call, or a GET of a JSON document. */
function referenceRequest(reference: Reference) {
  if (!reference.jsonrpc) return { method: "GET" as const, headers: reference.headers };
  return {
    method: "POST" as const,
    headers: { ...reference.headers, "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", method: reference.jsonrpc, params: [], id: 1 }),
  };
}

function referenceCommand(target: CommandTarget, reference: Reference): string {
  return target.curl(new URL(reference.url), referenceRequest(reference));
}

export const httpLag = defineProbe({
  id: "http.lag",
  title: "Lag behind the source",
  kind: "http",
  params: lagParams,
  data: z.object({ position: z.number(), head: z.number(), lag: z.number() }),
  findings: [lagBehind],
  series: (data) => data.lag,
  command: (target, params) => target.http(params.path),
  async run(http, params, signal) {
    const mine = await http.request(params.path, { method: "GET", signal });
    const position = numberAt(JSON.parse(await readLimitedBody(mine, signal)), params.field);
    const reference = params.reference;
    const answer = await http.request(reference.url, { ...referenceRequest(reference), signal });
    const body = JSON.parse(await readLimitedBody(answer, signal)) as unknown;
    const raw = reference.jsonrpc ? (body as { result?: unknown }).result : undefined;
    const head = reference.jsonrpc ? (typeof raw === "string" ? parseInt(raw, raw.startsWith("0x") ? 16 : 10) : Number(raw)) : numberAt(body, reference.field ?? "");
    if (position === undefined || head === undefined || Number.isNaN(head)) {
      return { status: "error", summary: `could not read ${position === undefined ? params.field : "the source's head"}`, data: { position: position ?? 0, head: head ?? 0, lag: 0 } };
    }
    const lag = Math.max(0, head - position);
    const verdict = above(lag, { warn: params.warn, crit: params.crit }, (n) => n.toLocaleString("en-US"));
    const summary = `${lag.toLocaleString("en-US")} ${params.title} (at ${position.toLocaleString("en-US")}, source at ${head.toLocaleString("en-US")})`;
    const data = { position, head, lag };
    if (!verdict.severity) return { status: "ok", summary, data };
    return { status: verdict.severity, summary, data, findings: [raise(lagBehind, verdict.severity, summary, { position, head, lag, rule: verdict.rule, reference: reference.url })] };
  },
});
