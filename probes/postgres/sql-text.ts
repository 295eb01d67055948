/** A query as people may see it: string literals masked (they hold emails, tokens), cut to 300 characters. */
export function showQuery(query: string, limit = 300): string {
  const masked = query.replace(/'(?:[^']|'')*'/g, "'?'").replace(/\s+/g, " ").trim();
  return masked.length > limit ? `${masked.slice(0, limit - 1)}…` : masked;
}

const WRITES = /\b(insert|update|delete|merge|upsert|truncate|drop|alter|create|grant|revoke|copy|call|do|vacuum|analyze|lock|set|reset|refresh|cluster|reindex|comment|security|listen|notify|prepare|execute|discard|checkpoint|import)\b/i;

/**
 * Why a statement is not a plain read, or undefined when it is. The probe also
 * runs it in a READ ONLY transaction; this check is for a clear word at start-up.
 */
export function writeIn(sql: string): string | undefined {
  const code = sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""')
    .trim()
    .replace(/;\s*$/, "");
  if (code.includes(";")) return "it holds more than one statement";
  if (!/^(select|with|values|table|show)\b/i.test(code)) return `it starts with "${code.split(/\s+/)[0] ?? ""}", not SELECT, WITH, VALUES, TABLE or SHOW`;
  const write = WRITES.exec(code);
  return write ? `it contains ${write[1]!.toUpperCase()}` : undefined;
}

/** Names as a list of SQL string literals, for the commands people paste: `'a', 'b'`. */
export function sqlList(names: readonly string[]): string {
  return names.map((name) => `'${name.replace(/'/g, "''")}'`).join(", ");
}
