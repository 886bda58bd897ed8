import type { Request } from 'express';

/** Who did something, and from where: the "who" and "where" of every audit row. */
export interface Actor {
  userId: string | null;
  username: string | null;
  ip: string | null;
  requestId: string | null;
}

/** The command line acting on the operator's behalf. */
export const cliActor: Actor = { userId: null, username: 'cli', ip: null, requestId: null };
export const systemActor: Actor = { userId: null, username: 'system', ip: null, requestId: null };

export function actorFromRequest(req: Request): Actor {
  return {
    userId: req.user?.id ?? null,
    username: req.user?.username ?? null,
    ip: req.ip ?? null,
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}
