import net from 'node:net';

/**
 * How a cut looks to the application:
 * - `refuse`: the server is down; connecting is refused at once.
 * - `blackhole`: the host is unreachable; a connection is accepted and never answered.
 * Either way, every connection open at the cut is reset.
 */
export type CutMode = 'refuse' | 'blackhole';

/**
 * A TCP proxy in front of a shared service (PostgreSQL, Redis) that a test can cut and
 * restore, so outages are simulated without stopping what other people are using.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const open = new Set<net.Socket>();
  let mode: 'forward' | CutMode = 'forward';

  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'blackhole') return;
    const upstream = net.connect(target);
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

  await listen(0);
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    /** Ends the service as seen through the proxy. */
    async cut(how: CutMode = 'refuse') {
      mode = how;
      const stopped = how === 'refuse' ? stopListening() : Promise.resolve();
      destroyAll();
      await stopped;
    },
    /** The service answers again, on the same port. */
    async restore() {
      mode = 'forward';
      destroyAll();
      if (!server.listening) await listen(port);
    },
    async close() {
      const stopped = stopListening();
      destroyAll();
      await stopped;
    },
  };

  function destroyAll() {
    for (const socket of open) socket.destroy();
    open.clear();
  }
}

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;
