import { useId, useState, type FormEvent } from 'react';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useTranslation } from 'react-i18next';
import type { SecondFactorPending } from '@watchfloor/contracts';
import { PasskeyEnrolment } from './PasskeyEnrolment.tsx';
import { useProvePasskey, useProveSecondFactor } from './secondFactor.ts';
import { secondFactorFailure, type SecondFactorProblem } from './secondFactorErrors.ts';
import { TotpEnrolment } from './TotpEnrolment.tsx';

/** The second half of sign-in: prove a factor, or enrol the first one. */
export function SecondFactorStep({
  pending,
  onStartOver,
}: {
  pending: SecondFactorPending;
  onStartOver: () => void;
}) {
  if (pending.enrollmentRequired) return <Enrolment onStartOver={onStartOver} />;
  return (
    <CodeEntry
      passkey={pending.methods.includes('webauthn') && browserSupportsWebAuthn()}
      onStartOver={onStartOver}
    />
  );
}

/** A person's first factor: an authenticator app, or a passkey where the browser has them. */
function Enrolment({ onStartOver }: { onStartOver: () => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<'totp' | 'passkey' | null>(
    browserSupportsWebAuthn() ? null : 'totp',
  );
  if (choice === 'totp') return <TotpEnrolment onStartOver={onStartOver} />;
  if (choice === 'passkey') return <PasskeyEnrolment onStartOver={onStartOver} />;
  return (
    <div className="sign-in__form">
      <h2>{t('mfa.chooseTitle')}</h2>
      <p>{t('mfa.chooseIntro')}</p>
      <button type="button" className="button button--primary" onClick={() => setChoice('passkey')}>
        {t('mfa.choosePasskey')}
      </button>
      <button type="button" className="button" onClick={() => setChoice('totp')}>
        {t('mfa.chooseApp')}
      </button>
      <button type="button" className="button" onClick={onStartOver}>
        {t('mfa.startOver')}
      </button>
    </div>
  );
}

function CodeEntry({ passkey, onStartOver }: { passkey: boolean; onStartOver: () => void }) {
  const { t } = useTranslation();
  const prove = useProveSecondFactor();
  const provePasskey = useProvePasskey();
  const [problem, setProblem] = useState<SecondFactorProblem | null>(null);
  const alertId = useId();
  const hintId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const field = event.currentTarget.elements.namedItem('code') as HTMLInputElement;
    const code = field.value.trim();
    if (!code) {
      setProblem({ message: t('mfa.codeMissing'), startOver: false });
      return;
    }
    setProblem(null);
    prove.mutate(
      { code },
      {
        onError: (error) => {
          field.value = '';
          field.focus();
          setProblem(secondFactorFailure(error, t));
        },
      },
    );
  }

  return (
    <form className="sign-in__form" noValidate onSubmit={handleSubmit} aria-busy={prove.isPending}>
      <h2>{t('mfa.proveTitle')}</h2>
      <div id={alertId} role="alert" className="sign-in__alert">
        {problem?.message}
      </div>
      <label className="field">
        <span className="field__label">{t('mfa.code')}</span>
        <input
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          disabled={prove.isPending}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${alertId} ${hintId}` : hintId}
        />
      </label>
      <p id={hintId} className="field__hint">
        {t('mfa.codeHint')}
      </p>
      <button type="submit" className="button button--primary" disabled={prove.isPending}>
        {t('mfa.verify')}
      </button>
      {passkey && (
        <button
          type="button"
          className="button"
          disabled={provePasskey.isPending}
          onClick={() => {
            setProblem(null);
            provePasskey.mutate(undefined, {
              onError: (error) => setProblem(secondFactorFailure(error, t)),
            });
          }}
        >
          {t('mfa.usePasskey')}
        </button>
      )}
      <button type="button" className="button" onClick={onStartOver}>
        {t('mfa.startOver')}
      </button>
    </form>
  );
}
