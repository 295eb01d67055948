import type { Redactor } from "@/lib/secrets/redactor";
import { resolveUrl } from "./resolve-url";
import { commandLine, shellQuote } from "./shell";

export interface CurlOptions {
  method?: "GET" | "POST" | "HEAD";
  /** Headers of this request, beside the dependency's own (which go to its origin only). */
  headers?: Record<string, string>;
  /** Headers only (curl -I), for probes that read headers. */
  headersOnly?: boolean;
  body?: string;
}

/**
 * Builds the command an engineer would type to read what a probe read, with
 * the dependency's host, port and names filled in and its secrets referenced
 * ("${VAR}") or masked, never written out. Every command goes through here.
 */
export class CommandTarget {
  readonly url: URL;

  constructor(
    url: string,
    private readonly redactor: Redactor,
    private readonly timeoutMs: number,
    private readonly headers: Record<string, string> = {},
  ) {
    this.url = new URL(url);
  }

  get host(): string {
    return this.url.hostname.replace(/^\[|\]$/g, "");
  }

  private get user() {
    return decodeURIComponent(this.url.username);
  }

  private get password() {
    return decodeURIComponent(this.url.password);
  }

  psql(sql: string): string {
    const env: string[] = [];
    if (this.password) env.push(`PGPASSWORD=${this.redactor.shellWord(this.password)}`);
    const sslmode = this.url.searchParams.get("sslmode");
    if (sslmode) env.push(`PGSSLMODE=${shellQuote(sslmode)}`);
    const database = decodeURIComponent(this.url.pathname.replace(/^\//, ""));
    const words = ["psql", "-h", this.host, "-p", this.url.port || "5432"];
    if (this.user) words.push("-U", this.user);
    if (database) words.push("-d", database);
    words.push("-c", sql.replace(/\s+/g, " ").trim());
    return [...env, commandLine(words)].join(" ");
  }

  redisCli(...args: string[]): string {
    const env = this.password ? [`REDISCLI_AUTH=${this.redactor.shellWord(this.password)}`] : [];
    const words = ["redis-cli", "-h", this.host, "-p", this.url.port || "6379"];
    const db = this.url.pathname.replace(/^\//, "");
    if (db && db !== "0") words.push("-n", db);
    if (this.url.protocol === "rediss:") words.push("--tls");
    if (this.user && this.password) words.push("--user", this.user);
    return [...env, commandLine([...words, ...args])].join(" ");
  }

  nats(...args: string[]): string {
    const words: (string | { raw: string })[] = ["nats", "--server", `nats://${this.url.host}`];
    if (this.user && this.password) words.push("--user", this.user, "--password", { raw: this.redactor.shellWord(this.password) });
    else if (this.user) words.push("--token", { raw: this.redactor.shellWord(this.user) });
    return commandLine([...words, ...args]);
  }

  /** curl for a path under the dependency's URL (or a full URL of the probe's own). */
  http(path: string | undefined, options: CurlOptions = {}): string {
    return this.curl(resolveUrl(this.url, path), options);
  }

  curl(target: URL, options: CurlOptions = {}): string {
    const words: (string | { raw: string })[] = ["curl", "-sS", options.headersOnly ? "-I" : "-i", "-m", String(Math.ceil(this.timeoutMs / 1000))];
    if (options.method && options.method !== "GET" && !(options.method === "HEAD" && options.headersOnly)) words.push("-X", options.method);
    // The dependency's headers (its credentials) go to its own origin only, as Lantern's own requests do.
    const own = target.origin === this.url.origin ? this.headers : {};
    for (const [name, value] of Object.entries({ ...own, ...options.headers })) {
      words.push("-H", { raw: this.redactor.shellWord(`${name}: ${value}`) });
    }
    if (options.body !== undefined) words.push("-d", { raw: this.redactor.shellWord(options.body) });
    words.push({ raw: this.redactor.shellWord(target.href) });
    return commandLine(words);
  }
}
