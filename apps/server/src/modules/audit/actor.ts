import type { Request } from 'express';

/** Who did something, and from where: the "who" and "where" of every audit row. */
export interface Actor {
  userId: string | null;
  username: string | null;
  ip: string | null;
  /** The client's `User-Agent` (cut to 512 characters); absent for the CLI and the server. */
  userAgent?: string | null;
  requestId: string | null;
}

const maxUserAgentLength = 512;

/** The `User-Agent` of a request, bounded: it is the client's own text. */
export function userAgentOf(req: Request): string | null {
  return req.get('User-Agent')?.slice(0, maxUserAgentLength) ?? null;
}

/** The command line with no operator known: in-process tools and test set-up. */
export const cliActor: Actor = { userId: null, username: 'cli', ip: null, requestId: null };

/**
 * The command line acting for the person at the terminal: the OS account running
 * it, and the operator they name when that differs (a shared service account says
 * little about who typed the command).
 */
export function cliOperatorActor(osUser: string, namedOperator?: string): Actor {
  const username =
    namedOperator && namedOperator !== osUser
      ? `cli:${namedOperator} (os user ${osUser})`
      : `cli:${osUser}`;
  return { userId: null, username, ip: null, requestId: null };
}
export const systemActor: Actor = { userId: null, username: 'system', ip: null, requestId: null };

export function actorFromRequest(req: Request): Actor {
  return {
    userId: req.user?.id ?? null,
    username: req.user?.username ?? null,
    ip: req.ip ?? null,
    userAgent: userAgentOf(req),
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}

/** A machine client acting through its integration token, named after the token. */
export function tokenActor(req: Request, tokenName: string): Actor {
  return { ...actorFromRequest(req), userId: null, username: `token:${tokenName}` };
}
