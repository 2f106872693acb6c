import { createServer, connect, type Server, type Socket } from 'node:net';

/** A port nothing listens on yet: connections to it are refused until the test opens it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A TCP forwarder to `target` ("host:port") on a port that refuses connections until open():
 * a dependency that comes up late, as far as an app pointed at `port` can tell.
 */
export class LatePort {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async to(target: string): Promise<LatePort> {
    const [host, port] = target.split(':');
    return new LatePort(await freePort(), { host, port: Number(port) });
  }

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    if (this.server) await new Promise((resolve) => this.server!.close(resolve));
    this.server = undefined;
  }
}
