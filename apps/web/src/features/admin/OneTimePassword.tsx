import { useTranslation } from 'react-i18next';

/**
 * A one-time password, shown once: the administrator hands it over (in person, by phone);
 * its holder must choose their own at the first sign-in.
 */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  const { t } = useTranslation();
  return (
    <div className="token-once" role="status">
      <p>{t('users.oneTimePassword', { username })}</p>
      <code className="token-once__value" data-testid="one-time-password">
        {password}
      </code>
    </div>
  );
}
