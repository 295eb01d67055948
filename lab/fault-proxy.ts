import { connect, createServer, type Server, type Socket } from "node:net";
import { LAB_HOST } from "./lab-config";

export type ProxyMode = "pass" | "refuse" | "hang";

/**
 * A TCP proxy in front of a real dependency. "refuse" closes the listener
 * (connection refused), "hang" accepts and never answers; both cut the
 * connections already open, as a dependency going away would.
 */
export class FaultProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private mode: ProxyMode = "pass";

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  get current(): ProxyMode {
    return this.mode;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, LAB_HOST, () => resolve());
    });
    this.server = server;
  }

  async set(mode: ProxyMode): Promise<void> {
    if (mode === this.mode) return;
    this.mode = mode;
    this.cutAll();
    if (mode === "refuse") await this.stopListening();
    else await this.start();
  }

  async stop(): Promise<void> {
    this.cutAll();
    await this.stopListening();
  }

  private accept(client: Socket) {
    this.track(client);
    if (this.mode === "hang") {
      client.resume();
      return;
    }
    const upstream = connect({ host: LAB_HOST, port: this.targetPort });
    this.track(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close);
    upstream.on("close", close);
  }

  private track(socket: Socket) {
    this.sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => this.sockets.delete(socket));
  }

  private cutAll() {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
