import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Socket } from 'socket.io';
import { hasSecondFactor } from '../modules/auth/session.ts';
import type { SessionUser } from '../modules/auth/session-user.ts';
import type { SocketData } from './socket-events.ts';

/** The engine's handshake request once our session middlewares have run on it. */
type HandshakeRequest = IncomingMessage & {
  _query?: Record<string, string>;
  sessionID?: string;
  session?: { signedInAt?: number; authenticatedBy?: string[] };
  user?: SessionUser;
};

type EngineMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Cross-site WebSocket hijacking (CWE-1385): CORS does not cover the WebSocket
 * transport, so the handshake checks Origin itself. Browsers always send Origin on
 * a WebSocket handshake and on cross-origin requests; a request without one comes
 * from a non-browser client, which still needs a valid session cookie to get in.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  const host = req.headers.host?.toLowerCase();
  try {
    const url = new URL(origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.host === host;
  } catch {
    // "null" (sandboxed frames, file://) and garbage
    return false;
  }
}

function isHandshake(req: HandshakeRequest): boolean {
  // Later polling requests and the WebSocket upgrade carry the engine's `sid`.
  return req._query?.sid === undefined;
}

function run(middleware: RequestHandler, req: IncomingMessage, res: ServerResponse) {
  return new Promise<void>((resolve, reject) => {
    middleware(req as Request, res as Response, (error?: unknown) => {
      if (!error) resolve();
      else reject(error instanceof Error ? error : new Error('session middleware failed'));
    });
  });
}

/**
 * Loads the HTTP session and its user onto the engine's handshake request, so a
 * socket is exactly as signed in as the browser's HTTP requests.
 *
 * The middlewares get a detached response: the handshake only reads the session.
 * With the real one, express-session (rolling) would re-issue the cookie from a
 * request that is not an Express request, where `secure: 'auto'` cannot see a
 * TLS-terminating proxy and would drop the Secure flag; and opening a socket would
 * count as activity against the idle timeout.
 */
export function authenticateHandshake(deps: {
  sessionMiddleware: RequestHandler;
  restoreUser: RequestHandler;
  allowedOrigins: readonly string[];
}): EngineMiddleware {
  return (req, _res, next) => {
    // A refused origin is turned away by `allowRequest`; skip the database for it.
    if (!isHandshake(req) || !isOriginAllowed(req, deps.allowedOrigins)) {
      next();
      return;
    }
    const detached = new http.ServerResponse(req);
    run(deps.sessionMiddleware, req, detached)
      .then(() => run(deps.restoreUser, req, detached))
      .then(() => next(), next);
  };
}

/**
 * Socket.IO middleware: refuses a socket whose handshake carried no signed-in user
 * (or a session past its absolute lifetime, or one without the second factor the
 * deployment requires), and records who it belongs to.
 */
export function requireSignedIn(options: {
  sessionMaxAgeMs: number | undefined;
  secondFactorRequired?: boolean;
}) {
  return (socket: Socket, next: (error?: Error) => void) => {
    const req = socket.request as HandshakeRequest;
    const user = req.user;
    const sessionId = req.sessionID;
    const signedInAt = req.session?.signedInAt;
    const missingSecondFactor =
      options.secondFactorRequired === true && !hasSecondFactor(req.session?.authenticatedBy);
    if (
      !user ||
      !sessionId ||
      isPastLifetime(signedInAt, options.sessionMaxAgeMs) ||
      missingSecondFactor ||
      user.passwordChangeRequired
    ) {
      next(new Error('unauthorized'));
      return;
    }
    const data: SocketData = {
      userId: user.id,
      sessionId,
      role: user.role,
      districts: [...user.districts].sort(),
      signedInAt,
    };
    socket.data = data;
    next();
  };
}

/**
 * The HTTP side's rule (`enforceSessionLifetime`): a session without a recorded sign-in
 * time cannot prove its age, so under a lifetime policy it counts as expired.
 */
export function isPastLifetime(signedInAt: number | undefined, maxAgeMs: number | undefined) {
  if (maxAgeMs === undefined) return false;
  return signedInAt === undefined || Date.now() - signedInAt > maxAgeMs;
}
