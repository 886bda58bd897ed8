import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { createLiveSocket, type LiveSocketFactory } from '../../lib/socket/liveSocket.ts';
import { recheckSession } from '../auth/session.ts';
import { reconnectDelayMs, recoveredNoticeMs, sessionRecheckMs } from './liveConfig.ts';
import { createLiveSync } from './liveSync.ts';
import { createPositionStore } from './positionStore.ts';
import { ConnectionContext, PositionStoreContext, type Connection } from './realtimeContext.ts';

interface RealtimeProviderProps {
  /** Tests hand in a fake; the app uses a real Socket.IO connection. */
  createSocket?: LiveSocketFactory;
  children: ReactNode;
}

const initialConnection: Connection = { state: 'connecting', lastUpdateAt: null, recovered: false };

/**
 * Opens the live connection for a signed-in user with live views, and keeps the call and
 * unit lists and the position store current from it. Mounted inside the signed-in shell, so
 * the socket exists only for as long as the session does (never at import).
 */
export function RealtimeProvider({
  createSocket = createLiveSocket,
  children,
}: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const http = useHttpClient();
  const [positions] = useState(createPositionStore);
  const [connection, setConnection] = useState<Connection>(initialConnection);

  useEffect(() => {
    const socket = createSocket();
    const sync = createLiveSync({ queryClient, http, positions });
    let lastMessageAt: number | null = null;
    let wasDown = false;
    let retryDelay: number = reconnectDelayMs.first;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let recoveredTimer: ReturnType<typeof setTimeout> | undefined;

    const noted =
      (handle: (payload: unknown) => void) =>
      (payload: unknown): void => {
        lastMessageAt = Date.now();
        handle(payload);
      };
    const onCallChanged = noted(sync.onCallChanged);
    const onUnitChanged = noted(sync.onUnitChanged);
    const onPositions = noted(sync.onPositions);
    // Changes on other server processes may have been lost (their relay was away); whatever
    // the payload says, REST is the truth, as after a reconnect.
    const onResync = noted(() => sync.resync());

    function goDown() {
      wasDown = true;
      setConnection((current) =>
        current.state === 'down'
          ? current
          : { state: 'down', lastUpdateAt: lastMessageAt, recovered: false },
      );
    }

    // A failing connection may mean the session is over (expired, signed out elsewhere):
    // ask, but not on every attempt, and never so that an unreachable server looks like one.
    let lastSessionCheck = -Infinity;
    function checkSession(force: boolean) {
      if (!force && Date.now() - lastSessionCheck < sessionRecheckMs) return;
      lastSessionCheck = Date.now();
      void recheckSession(queryClient, http);
    }

    /**
     * The server refused the socket or cut it (sign-out elsewhere, changed grants, a restart).
     * Socket.IO does not retry by itself then: try again after a pause that grows.
     */
    function retryAfterRefusal() {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), retryDelay);
      retryDelay = Math.min(retryDelay * 2, reconnectDelayMs.max);
    }

    function onConnect() {
      lastMessageAt = Date.now();
      retryDelay = reconnectDelayMs.first;
      const recovered = wasDown;
      wasDown = false;
      setConnection({ state: 'live', lastUpdateAt: null, recovered });
      if (recovered) {
        clearTimeout(recoveredTimer);
        recoveredTimer = setTimeout(
          () => setConnection((current) => ({ ...current, recovered: false })),
          recoveredNoticeMs,
        );
      }
      // Whatever happened while we were away (or before the first connect) is only in REST.
      sync.resync();
    }

    function onDisconnect() {
      goDown();
      if (socket.active) return;
      checkSession(true);
      retryAfterRefusal();
    }

    function onConnectError() {
      goDown();
      checkSession(!socket.active);
      if (!socket.active) retryAfterRefusal();
    }

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('calls:changed', onCallChanged);
    socket.on('units:changed', onUnitChanged);
    socket.on('units:positions', onPositions);
    socket.on('live:resync', onResync);
    socket.connect();

    return () => {
      clearTimeout(retryTimer);
      clearTimeout(recoveredTimer);
      sync.stop();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('calls:changed', onCallChanged);
      socket.off('units:changed', onUnitChanged);
      socket.off('units:positions', onPositions);
      socket.off('live:resync', onResync);
      socket.disconnect();
    };
  }, [createSocket, queryClient, http, positions]);

  return (
    <ConnectionContext value={connection}>
      <PositionStoreContext value={positions}>{children}</PositionStoreContext>
    </ConnectionContext>
  );
}
