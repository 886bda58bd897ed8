import type { ChangePasswordRequest } from '@watchfloor/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { HttpError } from '../../lib/httpErrors.ts';
import { meQueryKey } from './session.ts';

type Field = 'currentPassword' | 'newPassword' | 'repeatPassword';

function useChangePassword() {
  const http = useHttpClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ChangePasswordRequest) =>
      http.request('/api/auth/password', { method: 'POST', body: request }),
    // The session no longer owes a new password: reload who is signed in.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

/**
 * Choosing a new password: after a one-time or expired one (the app waits for it), or
 * from the account page. The server's policy decides what is acceptable and says why not.
 */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [problems, setProblems] = useState<Partial<Record<Field | 'form', string>>>({});
  const alertId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const value = (name: Field) => (form.elements.namedItem(name) as HTMLInputElement).value;
    if (value('newPassword') !== value('repeatPassword')) {
      setProblems({ repeatPassword: t('password.mismatch') });
      return;
    }
    setProblems({});
    change.mutate(
      { currentPassword: value('currentPassword'), newPassword: value('newPassword') },
      {
        onSuccess: () => form.reset(),
        onError: (error) => {
          if (error instanceof HttpError && error.issues.length > 0) {
            setProblems(
              Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message])),
            );
          } else setProblems({ form: describeError(error, t) });
        },
      },
    );
  }

  const field = (name: Field, label: string, autoComplete: string) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        aria-invalid={problems[name] !== undefined}
        aria-describedby={problems[name] ? `${alertId}-${name}` : undefined}
      />
      {problems[name] && (
        <span id={`${alertId}-${name}`} className="form-alert">
          {problems[name]}
        </span>
      )}
    </label>
  );

  return (
    <form className="sign-in__form" noValidate onSubmit={handleSubmit} aria-busy={change.isPending}>
      <div id={alertId} role="alert" className="form-alert">
        {problems.form}
      </div>
      {field('currentPassword', t('password.current'), 'current-password')}
      {field('newPassword', t('password.new'), 'new-password')}
      {field('repeatPassword', t('password.repeat'), 'new-password')}
      <p className="muted">{t('password.advice')}</p>
      <button type="submit" className="button button--primary" disabled={change.isPending}>
        {t('password.submit')}
      </button>
      {change.isSuccess && <p role="status">{t('password.changed')}</p>}
    </form>
  );
}
