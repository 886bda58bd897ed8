import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the library defaults (19 MiB, 2 passes, 1 lane), which are
 * OWASP's recommended minimum.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, so that an unknown username
 * cannot be told apart from a wrong password by timing.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('watchfloor-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
