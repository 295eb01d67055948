import { createServer, type Socket } from "node:net";
import { freePort } from "./ports";

/** A TCP server that accepts connections and never says a word: the hung dependency. */
export async function startHungListener(): Promise<{ port: number; connections: () => number; stop: () => Promise<void> }> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    // Read and drop what clients send, so their FIN is seen and the socket counted as gone.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    connections: () => sockets.size,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
