import { z } from "zod";
import type { CommandTarget } from "@/lib/probe-kit/commands";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { above, amount, plain } from "@/lib/probe-kit/bounds";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { numberAt } from "./json-path";
import { readJsonBody } from "./read-body";

export const lagBehind = defineFinding({
  id: "http.lag",
  title: "Falling behind its source",
  severities: ["warn", "crit"],
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
  warn: amount(10, "Warn when the gap is this large or larger"),
  crit: amount(100, "Critical when the gap is this large or larger"),
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

/** The source's head from its answer: a JSON-RPC result (hex or decimal), or a number at a path. */
function headOf(body: unknown, reference: Reference): number | undefined {
  if (!reference.jsonrpc) return numberAt(body, reference.field ?? "");
  const raw = (body as { result?: unknown } | null)?.result;
  const head = typeof raw === "string" ? parseInt(raw, raw.startsWith("0x") ? 16 : 10) : Number(raw);
  return Number.isNaN(head) ? undefined : head;
}

export const httpLag = defineProbe({
  id: "http.lag",
  title: "Lag behind the source",
  reads: "one number against a source's head (an indexer's block against `eth_blockNumber`)",
  kind: "http",
  params: lagParams,
  data: z.object({ position: z.number(), head: z.number(), lag: z.number() }),
  findings: [lagBehind],
  series: (data) => data.lag,
  command: (target, params) => target.http(params.path),
  async read(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const mine = await http.request(params.path, { method: "GET", signal });
    const position = numberAt(await readJsonBody(mine, url, signal), params.field);
    if (position === undefined) throw new ProbeReadError(`could not read ${params.field}`);
    const { reference } = params;
    const answer = await http.request(reference.url, { ...referenceRequest(reference), signal });
    const head = headOf(await readJsonBody(answer, new URL(reference.url), signal), reference);
    if (head === undefined) throw new ProbeReadError("could not read the source's head");
    return { position, head, lag: Math.max(0, head - position) };
  },
  judge({ position, head, lag }, params) {
    const verdict = above(lag, { warn: params.warn, crit: params.crit });
    const summary = `${plain(lag)} ${params.title} (at ${plain(position)}, source at ${plain(head)})`;
    if (!verdict.severity) return { summary, findings: [] };
    return { summary, findings: [raise(lagBehind, verdict.severity, summary, { position, head, lag, rule: verdict.rule, reference: params.reference.url })] };
  },
});
