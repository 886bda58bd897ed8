import net from 'node:net';
import type pg from 'pg';

/** What PostgreSQL needs to cancel a backend's query: where it runs, its pid and secret key. */
export interface BackendKey {
  host: string;
  port: number;
  processId: number;
  secretKey: number;
}

/** The protocol's CancelRequest code (1234 << 16 | 5678). */
const cancelRequestCode = 80877102;

/** The key of a connected `pg` client (`pg` keeps it from BackendKeyData, untyped). */
export function backendKeyOf(client: pg.ClientBase): BackendKey | undefined {
  const { host, port, processID, secretKey } = client as unknown as {
    host?: string;
    port?: number;
    processID?: number | null;
    secretKey?: number | null;
  };
  if (!host || !port || typeof processID !== 'number' || typeof secretKey !== 'number') {
    return undefined;
  }
  return { host, port, processId: processID, secretKey };
}

/**
 * Cancels the running query of one backend the way psql's Ctrl-C does: a
 * 16-byte CancelRequest on a fresh socket (PostgreSQL protocol, "Canceling
 * Requests in Progress"). It needs no pooled client, no sign-in and no
 * connection slot, so it works when every pooled connection is taken, where
 * `select pg_cancel_backend(…)` would wait for one. Best effort, like every
 * cancel: resolves true once the server has taken the request and closed the
 * socket, false on error or after `timeoutMs`; never rejects.
 */
export function sendCancelRequest(key: BackendKey, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = key.host.startsWith('/')
      ? net.connect(`${key.host}/.s.PGSQL.${key.port}`)
      : net.connect(key.port, key.host);
    let written = false;
    const done = (delivered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(delivered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => {
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(cancelRequestCode, 4);
      packet.writeInt32BE(key.processId, 8);
      packet.writeInt32BE(key.secretKey, 12);
      socket.write(packet, () => (written = true));
    });
    // The server answers nothing; it closes the socket once it has the request.
    socket.on('data', () => undefined);
    socket.once('close', () => done(written));
    socket.once('error', () => done(false));
  });
}
