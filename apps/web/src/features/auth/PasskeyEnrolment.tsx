import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { useRegisterPasskey } from './secondFactor.ts';
import { secondFactorFailure, type SecondFactorProblem } from './secondFactorErrors.ts';

/** Enrolment of a passkey or security key: the browser's own prompt, then recovery codes. */
export function PasskeyEnrolment({ onStartOver }: { onStartOver: () => void }) {
  const { t } = useTranslation();
  const register = useRegisterPasskey();
  const [problem, setProblem] = useState<SecondFactorProblem | null>(null);

  if (register.data) {
    return <RecoveryCodes codes={register.data.recoveryCodes} onContinue={register.adopt} />;
  }
  return (
    <div className="sign-in__form">
      <h2>{t('mfa.passkeyTitle')}</h2>
      <p>{t('mfa.passkeyIntro')}</p>
      <div role="alert" className="sign-in__alert">
        {problem?.message}
      </div>
      <button
        type="button"
        className="button button--primary"
        disabled={register.isPending}
        onClick={() => {
          setProblem(null);
          register.mutate(undefined, {
            onError: (error) => setProblem(secondFactorFailure(error, t)),
          });
        }}
      >
        {t('mfa.passkeyCreate')}
      </button>
      <button type="button" className="button" onClick={onStartOver}>
        {t('mfa.startOver')}
      </button>
    </div>
  );
}
