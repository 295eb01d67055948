/**
 * Replaces ${VAR} and ${VAR:-fallback} in every string of a parsed estate file.
 * "$${" writes a literal "${". Records which variable produced which value, so
 * commands shown to people can say "$VAR" instead of the secret itself.
 */
/** Environment variables as read by the estate loader. */
export type Env = Record<string, string | undefined>;

/** One ${VAR} replaced at one place of the file. */
export interface VariableUse {
  name: string;
  value: string;
  path: (string | number)[];
}

export interface Interpolated<T> {
  value: T;
  /** Variable name → the value it was replaced with. */
  used: Map<string, string>;
  /** Where each variable was written, for telling secrets from plain settings. */
  uses: VariableUse[];
  problems: { path: (string | number)[]; message: string }[];
}

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{([^}]*)\}?/g;

export function interpolate<T>(input: T, env: Env): Interpolated<T> {
  const used = new Map<string, string>();
  const uses: VariableUse[] = [];
  const problems: Interpolated<T>["problems"] = [];

  const replaceIn = (text: string, path: (string | number)[]): string =>
    text.replace(REFERENCE, (whole, name: string | undefined, fallback: string | undefined, malformed: string | undefined) => {
      if (whole === "$${") return "${";
      if (name === undefined) {
        problems.push({ path, message: `"\${${malformed ?? ""}" is not a valid reference; write \${NAME} with letters, digits and _` });
        return whole;
      }
      const value = env[name];
      if (value !== undefined && value !== "") {
        used.set(name, value);
        uses.push({ name, value, path });
        return value;
      }
      if (fallback !== undefined) return fallback;
      problems.push({ path, message: `environment variable ${name} is not set` });
      return whole;
    });

  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === "string") return replaceIn(node, path);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (node && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };

  return { value: walk(input, []) as T, used, uses, problems };
}
