import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The recovery codes a first factor comes with, shown this once. The person confirms
 * they kept them before going on. A second passkey brings none: then only "continue".
 */
export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(codes.length === 0);
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(`${codes.join('\n')}\n`)}`;
  return (
    <div className="sign-in__form">
      {codes.length > 0 ? (
        <>
          <h2>{t('mfa.recoveryTitle')}</h2>
          <p>{t('mfa.recoveryIntro')}</p>
          <ol className="recovery-codes" aria-label={t('mfa.recoveryTitle')}>
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
          <a className="button" href={download} download="watchfloor-recovery-codes.txt">
            {t('mfa.recoveryDownload')}
          </a>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={saved}
              onChange={(event) => setSaved(event.target.checked)}
            />
            {t('mfa.recoverySaved')}
          </label>
        </>
      ) : (
        <h2>{t('mfa.enrolled')}</h2>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={!saved}
        onClick={onContinue}
      >
        {t('mfa.continue')}
      </button>
    </div>
  );
}
