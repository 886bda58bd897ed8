import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAgency } from '../agency/useAgency.ts';
import { useSignedInUser } from '../auth/sessionContext.ts';
import { accountPath } from './navigation.ts';
import { SignOutButton } from './SignOutButton.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

export function TopBar({ nav }: { nav: ReactNode }) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const agency = useAgency();
  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <span className="top-bar__app">{t('app.name')}</span>
        {/* Reserved width, so the menu does not shift when the name arrives. */}
        <span className="top-bar__agency">{agency.data?.name ?? ''}</span>
      </div>
      {nav}
      <div className="top-bar__end">
        <p className="top-bar__user">
          <span className="top-bar__user-name">{user.displayName}</span>
          <span className="top-bar__user-role">{t(`roles.${user.role}`)}</span>
        </p>
        <Link className="button" to={accountPath}>
          {t('shell.account')}
        </Link>
        <ThemeToggle />
        <SignOutButton />
      </div>
    </header>
  );
}
