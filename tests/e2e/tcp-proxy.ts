import net from "node:net";

/**
 * A TCP relay to stand between the app and PostgreSQL: `cut()` drops every connection and refuses
 * new ones, as a database that went away would; `restore()` listens again on the same port. The
 * machine's shared PostgreSQL is never touched.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private hung = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  private listen(port: number): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      if (this.hung) for (const socket of [client, upstream]) socket.pause();
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  start(): Promise<void> {
    return this.listen(0);
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  restore(): Promise<void> {
    return this.listen(this.port);
  }

  /**
   * A database that hangs: connections stay open and new ones are accepted, but nothing is
   * forwarded any more (what is sent waits in the socket buffers), as on a stalled network path.
   */
  hang(): void {
    this.hung = true;
    for (const socket of this.sockets) socket.pause();
  }

  /** The stall ends: what waited is delivered, and traffic flows again. */
  resume(): void {
    this.hung = false;
    for (const socket of this.sockets) socket.resume();
  }

  close(): Promise<void> {
    return this.cut();
  }
}
