import { useTranslation } from 'react-i18next';
import { SignOutButton } from '../shell/SignOutButton.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** Shown instead of the app while a one-time or expired password must be replaced. */
export function PasswordChangeRequired() {
  const { t } = useTranslation();
  return (
    <main className="sign-in">
      <div className="sign-in__panel">
        <p className="sign-in__brand">{t('app.name')}</p>
        <h1>{t('password.requiredTitle')}</h1>
        <p>{t('password.requiredIntro')}</p>
        <ChangePasswordForm />
        <SignOutButton />
      </div>
    </main>
  );
}
