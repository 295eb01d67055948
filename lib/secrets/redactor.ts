/**
 * The one redactor behind the browser, snapshots, logs and metric labels.
 * It knows every secret of the estate and, where a secret came from ${VAR},
 * the variable's name, so commands can say "$VAR" and stay copyable.
 */
export const MASK = "****";

// Shorter values would mask ordinary words and numbers all over the page.
const MIN_SECRET_LENGTH = 4;

export interface Secret {
  value: string;
  /** The environment variable it was read from, when it was. */
  variable?: string;
}

const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s/]+)@/gi;
const SECRET_QUERY = /([?&](?:password|passwd|pass|token|secret|api[_-]?key|access[_-]?token|sslpassword)=)[^&\s#]+/gi;
const BEARER = /(\b(?:bearer|basic)\s+)[a-z0-9._~+/=-]{8,}/gi;

export class Redactor {
  private readonly secrets: Secret[];

  constructor(secrets: Iterable<Secret>) {
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...secrets]
      .filter((secret) => secret.value.length >= MIN_SECRET_LENGTH)
      .sort((a, b) => b.value.length - a.value.length);
  }

  redact(text: string): string {
    let out = text;
    for (const { value } of this.secrets) out = out.split(value).join(MASK);
    return out.replace(URL_PASSWORD, `$1${MASK}@`).replace(SECRET_QUERY, `$1${MASK}`).replace(BEARER, `$1${MASK}`);
  }

  /** Redacts every string inside a JSON-like value. */
  redactDeep<T>(value: T): T {
    if (typeof value === "string") return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item)) as T;
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)])) as T;
    }
    return value;
  }

  /**
   * A shell word for text that may hold secrets: each secret read from a
   * variable becomes "$VAR" (so the command still works when pasted), any
   * other secret becomes the mask.
   */
  shellWord(text: string): string {
    // Secrets read from a variable go first, so "Bearer ${TOKEN}" survives a masked "Bearer …" around it.
    const inText = this.secrets
      .filter((secret) => text.includes(secret.value))
      .sort((a, b) => Number(Boolean(b.variable)) - Number(Boolean(a.variable)));
    if (inText.length === 0) return `'${text.replace(/'/g, `'\\''`)}'`;
    let out = text.replace(/[\\"$`]/g, (c) => `\\${c}`);
    for (const { value, variable } of inText) {
      const escaped = value.replace(/[\\"$`]/g, (c) => `\\${c}`);
      out = out.split(escaped).join(variable ? `\${${variable}}` : MASK);
    }
    return `"${out}"`;
  }

  has(value: string): boolean {
    return this.secrets.some((secret) => secret.value === value);
  }
}
