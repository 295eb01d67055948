/** The value at a dotted path ("dependencies.cache.entries.primary"; "items.0.id" for arrays). */
export function valueAt(document: unknown, path: string): unknown {
  let node = document;
  for (const part of path.split(".").filter(Boolean)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Numbers as services write them: 0.42, "62.50%", "0.4ms", "12 MB" → the number in front. */
export function numberAt(document: unknown, path: string): number | undefined {
  const value = valueAt(document, path);
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const match = /^\s*(-?\d+(?:\.\d+)?)/.exec(value);
    return match ? Number(match[1]) : undefined;
  }
  return undefined;
}
