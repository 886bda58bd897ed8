import { loginRequestSchema, type LoginRequest } from '@watchfloor/contracts';
import type { TFunction } from 'i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { HttpError } from '../../lib/httpErrors.ts';

export type CredentialField = keyof LoginRequest;

export interface SignInProblem {
  /** What the alert says. */
  messages: string[];
  /** Fields to mark invalid. */
  fields: CredentialField[];
}

const messageKeys = {
  username: { missing: 'signIn.usernameMissing', tooLong: 'signIn.usernameTooLong' },
  password: { missing: 'signIn.passwordMissing', tooLong: 'signIn.passwordTooLong' },
} as const;

function isCredentialField(value: unknown): value is CredentialField {
  return value === 'username' || value === 'password';
}

/**
 * Checks the form with the same schema the server uses, so the user hears about an empty
 * field before a round trip. Messages are ours (translated), not the schema's.
 */
export function validateCredentials(
  input: { username: string; password: string },
  t: TFunction,
): { credentials: LoginRequest } | { problem: SignInProblem } {
  const parsed = loginRequestSchema.safeParse(input);
  if (parsed.success) return { credentials: parsed.data };
  const fields = [
    ...new Set(parsed.error.issues.map((issue) => issue.path[0]).filter(isCredentialField)),
  ];
  const messages = fields.map((field) => {
    const kind = parsed.error.issues.some(
      (issue) => issue.path[0] === field && issue.code === 'too_big',
    )
      ? 'tooLong'
      : 'missing';
    return t(messageKeys[field][kind]);
  });
  return { problem: { messages, fields } };
}

/** What to tell the user when the server (or the network) refused the sign-in. */
export function signInFailure(error: unknown, t: TFunction): SignInProblem {
  if (error instanceof HttpError) {
    // One generic sentence whatever was wrong, so the page never confirms a username exists.
    if (error.code === 'invalid_credentials') {
      return { messages: [t('signIn.invalidCredentials')], fields: [] };
    }
    if (error.code === 'rate_limited' || error.status === 429) {
      return { messages: [t('signIn.rateLimited')], fields: [] };
    }
    if (error.code === 'validation_failed') {
      const fields = error.issues.map((issue) => issue.path).filter(isCredentialField);
      const details = error.issues.map((issue) => issue.message);
      return {
        messages: [t('signIn.serverRejected', { message: error.message }), ...details],
        fields,
      };
    }
  }
  return { messages: [describeError(error, t)], fields: [] };
}
