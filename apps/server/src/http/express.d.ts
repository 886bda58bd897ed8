import type { AppAbility } from '@watchfloor/authz';
import type { SessionUser } from '../modules/auth/session-user.ts';

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      /** What the signed-in user may do; empty when signed out. */
      ability: AppAbility;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    /** Epoch ms of sign-in, for the absolute session lifetime. */
    signedInAt?: number;
  }
}
