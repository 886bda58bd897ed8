import { randomInt } from 'node:crypto';
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

/** Letters and digits that cannot be mistaken for one another when read aloud or copied. */
const unambiguous = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password an administrator hands over once (e.g. `k7mq-2xpt-9hwc-4frd-b3ne`): 20
 * random characters, ~99 bits, in groups that are easy to read out. Its holder must
 * replace it at the first sign-in.
 */
export function generateOneTimePassword(): string {
  const groups = Array.from({ length: 5 }, () =>
    Array.from({ length: 4 }, () => unambiguous[randomInt(unambiguous.length)]).join(''),
  );
  return groups.join('-');
}
