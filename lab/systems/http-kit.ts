import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { LAB_HOST } from "../lab-config";

export type Reply = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };
export type Route = (request: IncomingMessage, url: URL, body: string) => Reply | Promise<Reply>;

/** A small HTTP service: exact-path routes plus prefix routes ("/v1/cache/*"), JSON by default. */
export class LabHttpService {
  private server: Server | undefined;
  private readonly routes = new Map<string, Route>();
  /** Headers every answer carries (trace ids, security headers). */
  decorate: (request: IncomingMessage) => Record<string, string> = () => ({});

  constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  on(method: string, path: string, route: Route): this {
    this.routes.set(`${method} ${path}`, route);
    return this;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => void this.handle(request, response));
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, LAB_HOST, () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private find(method: string, path: string): Route | undefined {
    const exact = this.routes.get(`${method} ${path}`);
    if (exact) return exact;
    for (const [key, route] of this.routes) {
      const [routeMethod, routePath] = key.split(" ") as [string, string];
      if (routeMethod === method && routePath.endsWith("/*") && path.startsWith(routePath.slice(0, -1))) return route;
    }
    return undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", `http://${LAB_HOST}:${this.port}`);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const route = this.find(request.method ?? "GET", url.pathname);
    let reply: Reply;
    try {
      reply = route ? await route(request, url, Buffer.concat(chunks).toString("utf8")) : { status: 404, body: { error: "not found" } };
    } catch (error) {
      reply = { status: 500, body: { error: (error as Error).message } };
    }
    const headers = { ...this.decorate(request), ...reply.headers };
    if (reply.text !== undefined) {
      response.writeHead(reply.status, { "content-type": "text/plain; charset=utf-8", ...headers });
      response.end(reply.text);
    } else {
      response.writeHead(reply.status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(reply.body ?? {}));
    }
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body, ...(headers ? { headers } : {}) });

/** A W3C trace id: the caller's when it sent a traceparent, a new one otherwise. */
export function traceIdOf(request: IncomingMessage): string {
  const parent = request.headers.traceparent;
  const match = typeof parent === "string" ? /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(parent) : null;
  return match?.[1] ?? randomUUID().replace(/-/g, "");
}

/** Runs a task every `ms` until stopped; a slow run is never overlapped by the next. */
export function every(ms: number, task: () => Promise<void> | void): { stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout;
  const tick = async () => {
    try {
      await task();
    } catch {
      // A lab loop keeps going: its failures are what the scenarios are about.
    }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  timer = setTimeout(tick, ms);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** A rolling average and a hit ratio over the last ten seconds, as the systems report them in /metrics. */
export class Tally {
  private lookups: { at: number; hit: boolean }[] = [];
  private latencies: number[] = [];
  requests = 0;
  errors = 0;

  hit(hit: boolean) {
    const now = Date.now();
    this.lookups.push({ at: now, hit });
    if (this.lookups.length > 1_000 || (this.lookups[0] && now - this.lookups[0].at > 10_000)) this.lookups = this.lookups.filter((l) => now - l.at <= 10_000);
  }

  request(latencyMs: number, failed = false) {
    this.requests += 1;
    if (failed) this.errors += 1;
    this.latencies.push(latencyMs);
    if (this.latencies.length > 200) this.latencies.shift();
  }

  get hitRate(): number {
    const now = Date.now();
    const recent = this.lookups.filter((l) => now - l.at <= 10_000);
    return recent.length === 0 ? 1 : recent.filter((l) => l.hit).length / recent.length;
  }

  get averageLatencyMs(): number {
    return this.latencies.length === 0 ? 0 : this.latencies.reduce((a, b) => a + b, 0) / this.latencies.length;
  }
}
