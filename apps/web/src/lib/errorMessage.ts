import type { TFunction } from 'i18next';
import { HttpError, NetworkError, SignedOutError, UnexpectedResponseError } from './httpErrors.ts';

/** One sentence for the person in front of the screen, whatever went wrong. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof SignedOutError) return t('errors.signedOut');
  if (error instanceof UnexpectedResponseError) return t('errors.unexpected');
  if (error instanceof HttpError) {
    if (error.status === 403) return t('errors.forbidden');
    if (error.status >= 500) return t('errors.server');
    // A 4xx with a code we have no wording for: the server's own sentence is the best we have.
    return error.code === 'unknown' ? t('errors.generic') : error.message;
  }
  return t('errors.generic');
}
