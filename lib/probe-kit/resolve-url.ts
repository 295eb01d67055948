/**
 * A probe's path is relative to the dependency's URL (its query left behind);
 * no path means the URL itself; a full URL stands for itself.
 */
export function resolveUrl(base: URL, path: string | undefined): URL {
  if (!path) return base;
  if (/^https?:\/\//.test(path)) return new URL(path);
  const root = new URL(base.href);
  root.search = "";
  root.hash = "";
  if (!root.pathname.endsWith("/")) root.pathname += "/";
  return new URL(path.replace(/^\//, ""), root);
}
