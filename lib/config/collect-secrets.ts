import type { Secret } from "@/lib/secrets/redactor";
import type { VariableUse } from "./interpolate";

const SECRET_HEADER = /auth|token|key|secret|cookie|session|pass|signature/i;
const SECRET_PARAM = /pass|token|secret|key|auth|signature|credential/i;
const TOKEN_IN_USER_SCHEMES = new Set(["nats:", "tls:"]);

/**
 * Every secret an estate file holds, wherever it is written: passwords and
 * tokens in any `url` (user info, secret-named query parameters), values of
 * secret-sounding `headers` at any level (a dependency's, a probe's, a
 * reference's), JWT `secret`s, access tokens' `sha256`, every ${VAR} in an
 * action's `body`, and every ${VAR} written into a URL's user
 * info, path or query, or into any header. Walking the whole file, rather
 * than the places known today, keeps a new `url` or `headers` field covered.
 */
export function collectSecrets(file: unknown, uses: readonly VariableUse[]): Secret[] {
  const secrets: Secret[] = [];
  const variablesAt = (path: (string | number)[]) => uses.filter((use) => samePath(use.path, path));

  const walk = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) return node.forEach((item, index) => walk(item, [...path, index]));
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const at = [...path, key];
      if (key === "url" && typeof value === "string") secrets.push(...urlSecrets(value, variablesAt(at)));
      else if (key === "headers" && value && typeof value === "object" && !Array.isArray(value)) {
        for (const [name, headerValue] of Object.entries(value)) {
          if (typeof headerValue !== "string") continue;
          if (SECRET_HEADER.test(name)) secrets.push({ value: headerValue });
          secrets.push(...variablesAt([...at, name]).map(asSecret));
        }
      } else if ((key === "secret" || key === "sha256") && typeof value === "string") {
        secrets.push({ value }, ...variablesAt(at).map(asSecret));
      } else if (key === "body" && typeof value === "string") {
        // A request body an action sends: what came from the environment in it is a credential.
        secrets.push(...variablesAt(at).map(asSecret));
      } else walk(value, at);
    }
  };
  walk(file, []);
  return secrets;
}

function urlSecrets(text: string, variables: VariableUse[]): Secret[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const secrets: Secret[] = [];
  if (url.password) secrets.push({ value: url.password });
  else if (url.username && TOKEN_IN_USER_SCHEMES.has(url.protocol)) secrets.push({ value: url.username });
  // Read the query as written: URLSearchParams would turn a "+" of the secret into a space.
  for (const pair of url.search.replace(/^\?/, "").split("&")) {
    const [name = "", value = ""] = pair.split("=", 2);
    if (value && SECRET_PARAM.test(name)) secrets.push({ value });
  }
  const hidden = [url.username, url.password, url.pathname, url.search].join(" ");
  for (const variable of variables) {
    if (hidden.includes(variable.value) || hidden.includes(encodeURIComponent(variable.value))) secrets.push(asSecret(variable));
  }
  return secrets;
}

function asSecret(use: VariableUse): Secret {
  return { value: use.value, variable: use.name };
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((part, index) => String(part) === String(b[index]));
}
