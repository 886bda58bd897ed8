import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmTotpEnrolment, useStartTotpEnrolment } from './secondFactor.ts';
import { secondFactorFailure, type SecondFactorProblem } from './secondFactorErrors.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';

/** The secret in groups of four, as people type it into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Enrolment of an authenticator app: the QR code (drawn by the server, shown as an
 * image so nothing in it can run), the first code, then the recovery codes, once.
 */
export function TotpEnrolment({ onStartOver }: { onStartOver: () => void }) {
  const { t } = useTranslation();
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const [problem, setProblem] = useState<SecondFactorProblem | null>(null);
  const alertId = useId();

  const failed = (error: unknown) => setProblem(secondFactorFailure(error, t));

  if (confirm.data) {
    return <RecoveryCodes codes={confirm.data.recoveryCodes} onContinue={confirm.adopt} />;
  }

  if (!start.data) {
    return (
      <div className="sign-in__form">
        <h2>{t('mfa.enrolTitle')}</h2>
        <p>{t('mfa.enrolIntro')}</p>
        <div id={alertId} role="alert" className="sign-in__alert">
          {problem?.message}
        </div>
        <button
          type="button"
          className="button button--primary"
          disabled={start.isPending}
          onClick={() => {
            setProblem(null);
            start.mutate(undefined, { onError: failed });
          }}
        >
          {t('mfa.enrolStart')}
        </button>
        <button type="button" className="button" onClick={onStartOver}>
          {t('mfa.startOver')}
        </button>
      </div>
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const field = event.currentTarget.elements.namedItem('code') as HTMLInputElement;
    const code = field.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      setProblem({ message: t('mfa.codeFormat'), startOver: false });
      return;
    }
    setProblem(null);
    confirm.mutate(
      { code },
      {
        onError: (error) => {
          field.value = '';
          field.focus();
          failed(error);
        },
      },
    );
  }

  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(start.data.qrSvg)}`;
  return (
    <form
      className="sign-in__form"
      noValidate
      onSubmit={handleSubmit}
      aria-busy={confirm.isPending}
    >
      <h2>{t('mfa.enrolTitle')}</h2>
      <p>{t('mfa.scan')}</p>
      <img className="totp-qr" src={qr} alt={t('mfa.qrAlt')} width={200} height={200} />
      <p>
        {t('mfa.manualEntry')} <code className="totp-secret">{grouped(start.data.secret)}</code>
      </p>
      <div id={alertId} role="alert" className="sign-in__alert">
        {problem?.message}
      </div>
      <label className="field">
        <span className="field__label">{t('mfa.firstCode')}</span>
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          autoFocus
          disabled={confirm.isPending}
          aria-invalid={problem !== null}
          aria-describedby={problem ? alertId : undefined}
        />
      </label>
      <button type="submit" className="button button--primary" disabled={confirm.isPending}>
        {t('mfa.confirm')}
      </button>
      <button type="button" className="button" onClick={onStartOver}>
        {t('mfa.startOver')}
      </button>
    </form>
  );
}
