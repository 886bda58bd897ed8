import type { Issue } from '@watchfloor/contracts';
import { verifyPassword } from './passwords.ts';

/** NIST SP 800-63B §5.1.1.2: memorised secrets are at least 8 characters, whatever is configured. */
export const PASSWORD_LENGTH_FLOOR = 8;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * What a new password must meet. NIST SP 800-63B by default (length, a common-password
 * screen, no composition rules, no expiry); CJIS's older basic rules (expiry, no reuse
 * of the last ten) are there for agencies whose auditors still ask for them.
 */
export interface PasswordPolicy {
  minLength: number;
  /** Days a password stays valid; null: it does not expire (NIST's advice). */
  maxAgeDays: number | null;
  /** Earlier passwords that may not be chosen again; 0: no history kept. */
  historySize: number;
}

export const defaultPasswordPolicy: PasswordPolicy = {
  minLength: 12,
  maxAgeDays: null,
  historySize: 0,
};

interface StrengthChecker {
  check(
    password: string,
    userInputs?: string[],
  ): { score: number; sequence: { pattern: string; dictionaryName?: string; token: string }[] };
}
let checker: Promise<StrengthChecker> | undefined;

/** The dictionaries are large; load them only when a password is actually set. */
function loadChecker(): Promise<StrengthChecker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
    ]);
    return new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  })();
  return checker;
}

const problem = (message: string): Issue[] => [{ path: 'password', message }];

/**
 * Returns the problems with a new password, or an empty list when it is acceptable.
 * `previousHashes` are the account's current and earlier hashes the policy forbids.
 */
export async function checkNewPassword(
  password: string,
  username: string,
  policy: PasswordPolicy = defaultPasswordPolicy,
  previousHashes: readonly string[] = [],
): Promise<Issue[]> {
  const minLength = Math.max(policy.minLength, PASSWORD_LENGTH_FLOOR);
  // Characters as a person counts them (code points), not UTF-16 units.
  const length = [...password].length;
  if (length < minLength) return problem(`Use at least ${minLength} characters`);
  if (length > MAX_PASSWORD_LENGTH) return problem(`Use at most ${MAX_PASSWORD_LENGTH} characters`);
  const strength = (await loadChecker()).check(password, [username, 'watchfloor']);
  // The whole password is one entry of the list of passwords seen in breaches.
  const breached = strength.sequence.some(
    (match) =>
      match.dictionaryName?.startsWith('passwords') === true &&
      match.token.length === password.length,
  );
  if (breached)
    return problem('This password appears in lists of breached passwords; choose another');
  // Score 3 = "safely unguessable"; variants of common words and of the username score lower.
  if (strength.score < 3) {
    return problem('This password is too common or easy to guess; a longer passphrase works well');
  }
  for (const previous of previousHashes) {
    if (await verifyPassword(previous, password)) {
      return problem('Choose a password you have not used recently');
    }
  }
  return [];
}

/** Whether a password set at `changedAt` has passed the policy's age limit. */
export function isPasswordExpired(
  changedAt: Date,
  policy: PasswordPolicy,
  now: Date = new Date(),
): boolean {
  if (policy.maxAgeDays === null) return false;
  return now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}

/** The history to keep after `replacedHash` is replaced: newest first, at most the policy's size. */
export function nextPasswordHistory(
  replacedHash: string,
  history: readonly string[],
  policy: PasswordPolicy,
): string[] {
  return [replacedHash, ...history].slice(0, policy.historySize);
}
