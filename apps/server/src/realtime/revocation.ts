import { and, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { isPastLifetime } from './handshake.ts';
import { sessionRoom, userRoom } from './rooms.ts';
import type { RealtimeServer, RealtimeSocket } from './socket-events.ts';

interface UserGrants {
  role: string;
  districts: string[];
  disabled: boolean;
}

function sameDistricts(current: readonly string[], joined: readonly string[]): boolean {
  const sorted = [...current].sort();
  return sorted.length === joined.length && sorted.every((code, index) => code === joined[index]);
}

function isStale(socket: RealtimeSocket, liveSessions: Set<string>, grants?: UserGrants): boolean {
  const joined = socket.data;
  return (
    !liveSessions.has(joined.sessionId) ||
    !grants ||
    grants.disabled ||
    grants.role !== joined.role ||
    !sameDistricts(grants.districts, joined.districts)
  );
}

/**
 * Cuts sockets whose sign-in no longer stands, within a second (ASVS: authorization
 * changes take effect on live connections at once). Disconnecting is enough: a
 * client that is still signed in reconnects and gets rooms from its new grants.
 */
export function createRevocation(deps: {
  io: RealtimeServer;
  db: Database;
  logger: Logger;
  sweepMs: number;
  sessionMaxAgeMs: number | undefined;
}) {
  const { io, db, logger } = deps;

  /**
   * The events reach every process through the adapter. The sweep covers what emits
   * no event here: other processes without Redis, the CLI, direct database edits,
   * expiry. Two queries per sweep for all this process's sockets, never per socket.
   */
  async function sweep() {
    const sockets = [...io.of('/').sockets.values()];
    if (sockets.length === 0) return;
    const userIds = [...new Set(sockets.map((socket) => socket.data.userId))];
    const sessionIds = [...new Set(sockets.map((socket) => socket.data.sessionId))];
    const [grantRows, sessionRows] = await Promise.all([
      db
        .select({
          id: users.id,
          role: users.role,
          districts: users.districts,
          disabled: users.disabled,
        })
        .from(users)
        .where(inArray(users.id, userIds)),
      db
        .select({ sid: sessions.sid })
        .from(sessions)
        .where(and(inArray(sessions.sid, sessionIds), gt(sessions.expiresAt, sql`now()`))),
    ]);
    const grants = new Map(grantRows.map((row) => [row.id, row]));
    const liveSessions = new Set(sessionRows.map((row) => row.sid));
    for (const socket of sockets) {
      if (
        isStale(socket, liveSessions, grants.get(socket.data.userId)) ||
        isPastLifetime(socket.data.signedInAt, deps.sessionMaxAgeMs)
      ) {
        logger.info(
          { userId: socket.data.userId, socketId: socket.id },
          'socket cut: its session or grants changed',
        );
        socket.disconnect(true);
      }
    }
  }

  let sweeping = false;
  const timer = setInterval(() => {
    // A slow database must not pile sweeps on top of each other.
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((error: unknown) => logger.warn({ err: error }, 'socket revocation sweep failed'))
      .finally(() => {
        sweeping = false;
      });
  }, deps.sweepMs);
  timer.unref();

  return {
    onSessionEnded({ sessionId }: { sessionId: string }): void {
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    onAccessChanged({ userId }: { userId: string }): void {
      io.in(userRoom(userId)).disconnectSockets(true);
    },
    close(): void {
      clearInterval(timer);
    },
  };
}
