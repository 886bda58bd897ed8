import { randomInt } from 'node:crypto';

/** How many recovery codes a person gets at enrolment. */
export const recoveryCodeCount = 10;

// Crockford's base32: no I, L, O or U, so a code read off paper cannot be mistyped as another.
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
const groups = 3;
const groupLength = 4;

/** Ten fresh codes like `7hq2-m0xa-c4tz` (60 bits each), shown to the person once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () =>
    Array.from({ length: groups }, () =>
      Array.from({ length: groupLength }, () => alphabet[randomInt(alphabet.length)]).join(''),
    ).join('-'),
  );
}

/**
 * The canonical form a code is digested in: case, spaces and dashes do not matter, and
 * the letters people confuse with digits are read as those digits (as Crockford intends).
 * Null when it cannot be a recovery code at all.
 */
export function canonicalRecoveryCode(typed: string): string | null {
  const canonical = typed
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[io]/g, (letter) => (letter === 'o' ? '0' : '1'))
    .replace(/l/g, '1');
  const pattern = new RegExp(`^[${alphabet}]{${groups * groupLength}}$`);
  return pattern.test(canonical) ? canonical : null;
}
