import { z } from "zod";
import { defineFix, type HttpAction } from "@/lib/probe-kit/define-fix";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { readLimitedBody } from "./read-body";

/** An admin endpoint answers at once; past this the action counts as failed (it may still have landed: the probes say). */
const ACTION_TIMEOUT_MS = 10_000;
/** How much of the service's answer a summary quotes. */
const QUOTED_CHARS = 160;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a path, resolved as the client resolves it, stays on the dependency's origin ("/http://elsewhere" would not). */
function staysOnOrigin(path: string): boolean {
  const base = new URL("http://dependency.invalid/some/base");
  try {
    return resolveUrl(base, path).origin === base.origin;
  } catch {
    return false;
  }
}

/**
 * What an action sends, as the estate file declares it and as the fix
 * carries it: a path on the dependency's own origin (never another host, so
 * its credentials go nowhere else) and a JSON body.
 */
export const actionRequestShape = {
  method: z.enum(["POST", "PUT", "DELETE"], { error: 'method is "POST", "PUT" or "DELETE"' }).describe("The request's method."),
  path: z
    .string()
    .regex(/^\/\S*$/, { error: "a path under the dependency's URL, starting with /" })
    .refine(staysOnOrigin, { error: "this path would leave the dependency's host; an action is sent to its own dependency only" })
    .describe("Path relative to the dependency's URL, e.g. /admin/ratelimit."),
  body: z.string().refine(isJson, { error: "the body is sent as application/json: write it as JSON" }).optional().describe("JSON sent as the request's body."),
};

/** An answer's body in one line, short enough for a summary. */
function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > QUOTED_CHARS ? `${line.slice(0, QUOTED_CHARS)}…` : line;
}

/**
 * Sends one request the estate declares on an HTTP dependency (switch a rate
 * limiter off, reset a breaker), offered on the findings the action names.
 * Its parameters name the action only: what is sent is the estate's
 * declaration, never a copy a caller could alter.
 */
export const httpAction = defineFix({
  id: "http.action",
  title: "Run the service's declared action",
  kind: "http",
  risk: "caution",
  ask: "The service changes how it behaves the moment it gets this request: is the cause behind this finding dealt with?",
  params: z.strictObject({ action: z.string().min(1).describe("The action's id in the estate file") }),
  // A finding offers one action: the first this dependency declares for it.
  paramsFrom: ({ findingId, actions }) => {
    const action = actions.find((candidate) => candidate.for.includes(findingId));
    return action && { action: action.id };
  },
  offerTitle: (params, { actions }) => actions.find((a) => a.id === params.action)?.title ?? "Run the service's declared action",
  async preview(http, { action: id }, context) {
    const params = declared(id, context.actions);
    const url = resolveUrl(http.baseUrl, params.path);
    return {
      summary: `${params.title}: send ${params.method} ${url.pathname}${url.search} to ${url.host}${params.body ? ` with ${params.body}` : ""}`,
      targets: [
        {
          id: params.id,
          label: `${params.method} ${url.href}${params.body ? ` ${params.body}` : ""}`,
          details: { action: params.id, method: params.method, url: url.href, body: params.body ?? null },
        },
      ],
      // Nothing on the service is read: what is sent is the whole decision.
      state: params,
      risk: params.risk,
      confirm: params.id,
    };
  },
  async execute(http, { action: id }, _targets, context) {
    const params = declared(id, context.actions);
    const url = resolveUrl(http.baseUrl, params.path);
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(ACTION_TIMEOUT_MS)]);
    const response = await http.request(url.href, {
      method: params.method,
      signal,
      ...(params.body !== undefined ? { body: params.body, headers: { "content-type": "application/json" } } : {}),
    });
    const said = quote(await readLimitedBody(response, signal));
    const answer = `${params.method} ${url.pathname}${url.search} answered HTTP ${response.status}${said ? ` (${said})` : ""}`;
    // A refusal, an error or a redirect means the service did not do it.
    if (!response.ok) throw new Error(answer);
    return { summary: `${params.title}: ${answer}`, touched: 1 };
  },
  // The probes that raise the findings an action may name.
  verify: ["http.health", "http.json", "http.breakers"],
  cooldownMs: 30_000,
  maxTargets: 1,
});

/** The estate's declaration of an action; an id it does not declare is refused. */
function declared(id: string, actions: HttpAction[]): HttpAction {
  const action = actions.find((candidate) => candidate.id === id);
  if (!action) throw new Error(`this dependency declares no action "${id}"`);
  return action;
}
