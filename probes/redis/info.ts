/** INFO's "key:value" lines as a record; section headers and blank lines are skipped. */
export function parseRedisInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

/** The server's role from INFO replication, in today's word: Redis still says "slave". */
export function roleOf(replication: Record<string, string>): string {
  return replication.role === "slave" ? "replica" : (replication.role ?? "unknown");
}

/** How much a counter of INFO grew since the previous reading; 0 on the first one, and after a restart reset it. */
export function counterDelta(current: number, previous: number | undefined): number {
  return previous !== undefined && current >= previous ? current - previous : 0;
}

/** CONFIG GET, or undefined where the server forbids CONFIG (managed Redis often does). */
export async function configGet(redis: { config(op: "GET", name: string): Promise<unknown> }, name: string): Promise<string | undefined> {
  try {
    const reply = (await redis.config("GET", name)) as string[];
    return reply[1];
  } catch {
    return undefined;
  }
}
