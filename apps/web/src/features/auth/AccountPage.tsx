import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** A person's own account: for now, changing their password. */
export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.title'));
  return (
    <div className="page">
      <h1>{t('password.title')}</h1>
      <section className="panel">
        <ChangePasswordForm />
      </section>
    </div>
  );
}
