import os from 'node:os';
import { cliOperatorActor, type Actor } from '../modules/audit/actor.ts';

const operatorPattern = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$/u;

/**
 * The operator a command names (`--operator`, else WATCHFLOOR_OPERATOR), checked:
 * it goes into audit rows, so no control characters and nothing over 64 characters.
 */
export function namedOperator(flag: string | undefined, fromEnv: string | undefined) {
  const name = flag ?? (fromEnv || undefined);
  if (name !== undefined && !operatorPattern.test(name))
    throw new Error(
      '--operator (or WATCHFLOOR_OPERATOR) must be 1–64 letters, digits, spaces, dots, dashes, underscores or @',
    );
  return name;
}

/** The OS account running the command; a container without a passwd entry has none. */
function osUsername(): string {
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

let operator: string | undefined;

/** Called before each command with its global options. */
export function identifyOperator(flag: string | undefined): void {
  operator = namedOperator(flag, process.env.WATCHFLOOR_OPERATOR);
}

/** Who the running command acts for, as its audit rows name them. */
export function operatorActor(): Actor {
  return cliOperatorActor(osUsername(), operator);
}
