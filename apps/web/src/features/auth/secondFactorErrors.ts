import type { TFunction } from 'i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { HttpError } from '../../lib/httpErrors.ts';

/** What went wrong in the second step, and whether only starting over can help. */
export interface SecondFactorProblem {
  message: string;
  startOver: boolean;
}

export function secondFactorFailure(error: unknown, t: TFunction): SecondFactorProblem {
  if (error instanceof HttpError) {
    if (error.code === 'invalid_code') return { message: t('mfa.invalidCode'), startOver: false };
    if (error.code === 'no_pending_sign_in' || error.code === 'no_enrolment') {
      return { message: t('mfa.expired'), startOver: true };
    }
    if (error.status === 429) return { message: t('signIn.rateLimited'), startOver: false };
    if (error.code === 'validation_failed') {
      return { message: t('mfa.codeFormat'), startOver: false };
    }
  }
  // The browser's passkey prompt was dismissed, timed out, or found no matching key.
  if (error instanceof Error && ['NotAllowedError', 'AbortError'].includes(error.name)) {
    return { message: t('mfa.passkeyCancelled'), startOver: false };
  }
  if (error instanceof HttpError && error.code === 'passkey_not_verified') {
    return { message: t('mfa.passkeyRefused'), startOver: false };
  }
  return { message: describeError(error, t), startOver: false };
}
