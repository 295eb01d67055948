import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { freePort } from "./ports";

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A small HTTP service whose answers the test decides. */
export async function startHttpEndpoint(initial: Handler): Promise<{ url: string; port: number; answer: (handler: Handler) => void; stop: () => Promise<void> }> {
  let handler = initial;
  const port = await freePort();
  const server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    answer: (next) => (handler = next),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };
}
