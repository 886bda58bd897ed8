import { createHmac, randomBytes } from 'node:crypto';

/*
 * What was typed as a username on a failed sign-in is often a password typed in
 * the wrong box. For a name that matches no account, the audit keeps only a keyed
 * digest: with a key that lives in this process's memory alone, nobody can turn it
 * back into the text, yet repeated attempts with one name read alike (until restart).
 */
const key = randomBytes(32);

/** The audit's name for a sign-in attempt as a username that matches no account. */
export function unknownUsernameMarker(typed: string): string {
  const digest = createHmac('sha256', key).update(typed.normalize('NFC').toLowerCase()).digest();
  return `unknown user #${digest.subarray(0, 4).toString('hex')}`;
}
