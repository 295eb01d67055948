import type { Redactor } from "@/lib/secrets/redactor";
import { commandLine, shellQuote } from "./shell";

/**
 * Builds the command an engineer would type to read what a probe read, with
 * the dependency's host, port and names filled in and its secrets referenced,
 * never written out.
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

  private get host() {
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

  curl(target: URL, extraHeaders: Record<string, string> = {}): string {
    const words: (string | { raw: string })[] = ["curl", "-sS", "-i", "-m", String(Math.ceil(this.timeoutMs / 1000))];
    for (const [name, value] of Object.entries({ ...this.headers, ...extraHeaders })) {
      words.push("-H", { raw: this.redactor.shellWord(`${name}: ${value}`) });
    }
    words.push({ raw: this.redactor.shellWord(target.href) });
    return commandLine(words);
  }
}
