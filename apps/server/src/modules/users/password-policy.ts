import type { Issue } from '@watchfloor/contracts';

/** CJIS IA-5(1): at least 8 characters, screened against common passwords, no composition rules. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

interface StrengthChecker {
  check(password: string, userInputs?: string[]): { score: number };
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

/** Returns the problems with a new password, or an empty list when it is acceptable. */
export async function checkNewPassword(password: string, username: string): Promise<Issue[]> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return [{ path: 'password', message: `Use at least ${MIN_PASSWORD_LENGTH} characters` }];
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return [{ path: 'password', message: `Use at most ${MAX_PASSWORD_LENGTH} characters` }];
  }
  const strength = await loadChecker();
  // Score 3 = "safely unguessable"; common passwords and variants of the username score lower.
  if (strength.check(password, [username, 'watchfloor']).score < 3) {
    return [
      {
        path: 'password',
        message: 'This password is too common or easy to guess; a longer passphrase works well',
      },
    ];
  }
  return [];
}
