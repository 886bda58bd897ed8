import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/** One sign-in through the identity provider, from our redirect to its answer. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect_uri sent, which the token request must repeat. */
  redirectUri: string;
  /** Where in the web app to land afterwards (a path of this site). */
  returnTo: string;
  startedAt: number;
}

export const oidcTransactionCookie = 'watchfloor.oidc';
/** Time to type a password and answer the provider's own second factor. */
export const oidcTransactionMinutes = 10;
const cookiePath = '/api/auth/oidc';

/**
 * Keeps the transaction in a cookie of its own, signed, rather than in the session: the
 * session cookie is `SameSite=Strict`, so a browser coming back from the provider (a
 * cross-site navigation) does not send it, while this `Lax` one it does. The signature
 * stops a forged transaction; the state it holds ties the answer to this browser.
 */
export function createOidcTransactions(secret: string) {
  const key = Buffer.from(hkdfSync('sha256', secret, 'watchfloor-oidc', 'transaction-cookie', 32));
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    keep(req: Request, res: Response, transaction: OidcTransaction): void {
      const payload = Buffer.from(JSON.stringify(transaction)).toString('base64url');
      res.cookie(oidcTransactionCookie, `${payload}.${sign(payload)}`, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: cookiePath,
        maxAge: oidcTransactionMinutes * 60_000,
      });
    },

    /** The transaction this browser started, or null (none, forged, or expired). Answers once. */
    take(req: Request, res: Response): OidcTransaction | null {
      res.clearCookie(oidcTransactionCookie, { path: cookiePath });
      const value = cookieValue(req, oidcTransactionCookie);
      const [payload, signature] = value?.split('.') ?? [];
      if (!payload || !signature) return null;
      if (!sameSecret(signature, sign(payload))) return null;
      const transaction = JSON.parse(
        Buffer.from(payload, 'base64url').toString('utf8'),
      ) as OidcTransaction;
      return Date.now() - transaction.startedAt > oidcTransactionMinutes * 60_000
        ? null
        : transaction;
    },
  };
}

export type OidcTransactions = ReturnType<typeof createOidcTransactions>;

/** One cookie of the request (Express parses none by itself). */
function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/** Compares two secrets in constant time (the state the browser brought back, and ours). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
