import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SecondFactorPending } from '@watchfloor/contracts';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { homePath } from '../shell/navigation.ts';
import { abilityOf } from './ability.ts';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { SecondFactorStep } from './SecondFactorStep.tsx';
import { useMe, useSignIn } from './session.ts';
import { signInFailure, validateCredentials, type SignInProblem } from './signInErrors.ts';
import { ssoErrorOf, useAuthProviders, useSsoSecondFactor } from './ssoSignIn.ts';

function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const me = useMe();
  const http = useHttpClient();
  // Set once the password is accepted and a second factor is owed.
  const [pending, setPending] = useState<SecondFactorPending | null>(null);
  const signIn = useSignIn(setPending);
  const [search] = useSearchParams();
  const providers = useAuthProviders();
  useSsoSecondFactor(search, setPending);
  const ssoError = ssoErrorOf(search);
  const [problem, setProblem] = useState<SignInProblem | null>(
    ssoError ? { messages: [t(`signIn.sso.${ssoError}`)], fields: [] } : null,
  );
  const passwordRef = useRef<HTMLInputElement>(null);
  const retryPending = useRef(false);
  const alertId = useId();
  const submitting = signIn.isPending;

  // After a refused sign-in, start the retry from an empty password field. This waits for
  // the form to be enabled again: a disabled field cannot take focus.
  useEffect(() => {
    const password = passwordRef.current;
    if (submitting || !retryPending.current || !password) return;
    retryPending.current = false;
    password.value = '';
    password.focus();
  }, [submitting, problem]);

  // Signed in already, or just now: the role's first page. (Sign-in stores the user in the
  // session query, so success lands here too.)
  if (me.data)
    return <Navigate to={homePath({ ability: abilityOf(me.data), user: me.data })} replace />;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = validateCredentials(
      { username: textField(form, 'username'), password: textField(form, 'password') },
      t,
    );
    if ('problem' in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    signIn.mutate(result.credentials, {
      onError: (error) => {
        retryPending.current = true;
        setProblem(signInFailure(error, t));
      },
    });
  }

  const invalid = (field: 'username' | 'password') => problem?.fields.includes(field) ?? false;
  const sso = providers.data?.sso ?? null;
  const password = providers.data?.password ?? 'enabled';

  if (pending) {
    return (
      <main className="sign-in">
        <div className="sign-in__panel">
          <p className="sign-in__brand">{t('app.name')}</p>
          <p className="sign-in__tagline">{t('signIn.tagline')}</p>
          <SecondFactorStep
            pending={pending}
            onStartOver={() => {
              http.setCsrfToken(null);
              setPending(null);
            }}
          />
        </div>
      </main>
    );
  }

  const passwordForm = (
    <form className="sign-in__form" noValidate onSubmit={handleSubmit} aria-busy={submitting}>
      <label className="field">
        <span className="field__label">{t('signIn.username')}</span>
        <input
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          disabled={submitting}
          aria-invalid={invalid('username')}
          aria-describedby={invalid('username') ? alertId : undefined}
        />
      </label>
      <label className="field">
        <span className="field__label">{t('signIn.password')}</span>
        <input
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          disabled={submitting}
          aria-invalid={invalid('password')}
          aria-describedby={invalid('password') ? alertId : undefined}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={submitting}>
        {t('signIn.submit')}
      </button>
    </form>
  );

  return (
    <main className="sign-in">
      <div className="sign-in__panel">
        <p className="sign-in__brand">{t('app.name')}</p>
        <p className="sign-in__tagline">{t('signIn.tagline')}</p>
        <h1>{t('signIn.title')}</h1>
        {/* Always present, so the form does not jump when a message appears. */}
        <div id={alertId} role="alert" className="sign-in__alert">
          {problem && (
            <ul>
              {problem.messages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
        {sso && (
          <a className="button button--primary sign-in__sso" href={sso.loginUrl}>
            {t('signIn.withSso', { name: sso.name })}
          </a>
        )}
        {password === 'enabled' && passwordForm}
        {password === 'admins' && (
          <details className="sign-in__break-glass">
            <summary>{t('signIn.adminPassword')}</summary>
            {passwordForm}
          </details>
        )}
        {password === 'disabled' && !sso && <p>{t('signIn.localSignInDisabled')}</p>}
      </div>
    </main>
  );
}
