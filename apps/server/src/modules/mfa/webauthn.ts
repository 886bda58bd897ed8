import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { WebauthnCredentialRow } from './mfa.repo.ts';

/** Who the browser must believe it is talking to: the site's host and its origin. */
export interface RelyingParty {
  /** The host name credentials are scoped to (no scheme, no port). */
  id: string;
  name: string;
  /** `https://host[:port]` exactly as the browser reports it. */
  origin: string;
}

/** A challenge handed to the browser, kept with the session until answered. */
export interface IssuedChallenge {
  challenge: string;
  purpose: 'register' | 'authenticate';
  startedAt: number;
}

/** A credential as verified at registration, ready to be stored. */
export interface VerifiedCredential {
  id: string;
  publicKey: string;
  signCount: number;
  transports: string[];
}

const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromBase64Url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/** Errors the library throws for a malformed or mismatched answer: a refusal, not a fault. */
async function refusedOnError<T>(verify: () => Promise<T>): Promise<T | null> {
  try {
    return await verify();
  } catch {
    return null;
  }
}

export function registrationOptions(
  rp: RelyingParty,
  user: { id: string; username: string },
  existing: WebauthnCredentialRow[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.username,
    userID: new TextEncoder().encode(user.id),
    // No attestation: which make of key it is does not matter here, and asking would
    // need the vendors' metadata service (a network call the air-gapped floor cannot make).
    attestationType: 'none',
    excludeCredentials: existing.map((credential) => ({
      id: credential.id,
      transports: credential.transports,
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

export async function verifyRegistration(
  rp: RelyingParty,
  challenge: string,
  response: RegistrationResponseJSON,
): Promise<VerifiedCredential | null> {
  const result = await refusedOnError(() =>
    verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
    }),
  );
  if (!result?.verified) return null;
  const { credential } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: toBase64Url(credential.publicKey),
    signCount: credential.counter,
    transports: credential.transports ?? [],
  };
}

export function authenticationOptions(
  rp: RelyingParty,
  credentials: WebauthnCredentialRow[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: credentials.map((credential) => ({
      id: credential.id,
      transports: credential.transports,
    })),
    userVerification: 'preferred',
  });
}

/**
 * The new signature counter when `response` is a valid assertion by `credential` for
 * this challenge, or null. A counter that does not move forward (where the key keeps
 * one at all) suggests a cloned key, and is refused.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  challenge: string,
  response: AuthenticationResponseJSON,
  credential: WebauthnCredentialRow,
): Promise<number | null> {
  const result = await refusedOnError(() =>
    verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: credential.id,
        publicKey: fromBase64Url(credential.publicKey),
        counter: credential.signCount,
        transports: credential.transports,
      },
    }),
  );
  if (!result?.verified) return null;
  return result.authenticationInfo.newCounter;
}
