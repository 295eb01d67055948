/**
 * The one redactor behind the browser, snapshots, logs and metric labels.
 * It knows every secret of the estate in every form it can be written (as
 * is, percent-encoded, form-encoded) and, where a secret came from ${VAR},
 * the variable's name, so commands can say "${VAR}" and stay copyable.
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
const SECRET_QUERY = /([?&](?:password|passwd|pass|token|secret|api[_-]?key|apikey|access[_-]?token|sslpassword|auth)=)[^&\s#"']+/gi;
const BEARER = /(\b(?:bearer|basic)\s+)[a-z0-9._~+/=-]{8,}/gi;

/** The forms a value takes in URLs, query strings and forms, beside itself. */
export function writtenForms(value: string): string[] {
  const forms = new Set([value]);
  const encoded = encodeURIComponent(value);
  forms.add(encoded);
  forms.add(encoded.replace(/%20/g, "+"));
  forms.add(encodeURI(value));
  for (const decode of [(v: string) => decodeURIComponent(v), (v: string) => decodeURIComponent(v.replace(/\+/g, " "))]) {
    try {
      forms.add(decode(value));
    } catch {
      // Not percent-encoded text: nothing to decode.
    }
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

export class Redactor {
  private readonly secrets: Secret[];

  constructor(secrets: Iterable<Secret>) {
    const byForm = new Map<string, Secret>();
    for (const secret of secrets) {
      for (const form of writtenForms(secret.value)) {
        // A form known with its variable beats the same form without.
        if (!byForm.get(form)?.variable) byForm.set(form, { value: form, ...(secret.variable ? { variable: secret.variable } : {}) });
      }
    }
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...byForm.values()].sort((a, b) => b.value.length - a.value.length);
  }

  redact(text: string): string {
    let out = text;
    for (const { value } of this.secrets) if (out.includes(value)) out = out.split(value).join(MASK);
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
   * variable becomes "${VAR}" (so the command still works when pasted), any
   * other secret becomes the mask, and anything that only looks secret
   * (a bearer token, a key in a query) is masked too.
   */
  shellWord(text: string): string {
    // Secrets read from a variable go first, so "Bearer ${TOKEN}" survives a masked "Bearer …" around it.
    const inText = this.secrets
      .filter((secret) => text.includes(secret.value))
      .sort((a, b) => Number(Boolean(b.variable)) - Number(Boolean(a.variable)) || b.value.length - a.value.length);
    if (inText.length === 0) {
      const masked = this.redact(text);
      return `'${masked.replace(/'/g, `'\\''`)}'`;
    }
    let out = text.replace(/[\\"$`]/g, (c) => `\\${c}`);
    for (const { value, variable } of inText) {
      const escaped = value.replace(/[\\"$`]/g, (c) => `\\${c}`);
      out = out.split(escaped).join(variable ? `\${${variable}}` : MASK);
    }
    return `"${out}"`;
  }
}
