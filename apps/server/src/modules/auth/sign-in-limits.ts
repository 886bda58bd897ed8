import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { errorBody } from '../../http/errors.ts';

/** The account a sign-in attempt names, normalised as lookups are (case-insensitive). */
function usernameOf(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 200) : '';
}

export interface SignInLimits {
  /** Per address, over the password and the second-factor steps together. */
  perAddress: RequestHandler;
  /** Per named account: a guesser who rotates addresses still gets only so many tries. */
  perUsername: RequestHandler;
}

export function createSignInLimits(attemptsPer15Minutes: number): SignInLimits {
  const tooManyAttempts = (_req: Request, res: Response) => {
    res
      .status(429)
      .json(
        errorBody('rate_limited', 'Too many sign-in attempts; wait a few minutes and try again'),
      );
  };
  const options = {
    windowMs: 15 * 60_000,
    limit: attemptsPer15Minutes,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooManyAttempts,
    // Only refusals count: a dispatch floor signs in from one address behind its NAT, and
    // a shift change (password, then code, for every seat) must not lock it out.
    skipSuccessfulRequests: true,
  } as const;
  return {
    perAddress: rateLimit(options),
    perUsername: rateLimit({
      ...options,
      keyGenerator: (req) => `username:${usernameOf(req.body)}`,
    }),
  };
}
