import type { TFunction } from 'i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { HttpError } from '../../lib/httpErrors.ts';

/** What a refused form submission says: the server's field problems, else the error itself. */
export function formProblem(error: unknown, t: TFunction): string {
  return error instanceof HttpError && error.issues.length > 0
    ? error.issues.map((issue) => issue.message).join(' ')
    : describeError(error, t);
}
