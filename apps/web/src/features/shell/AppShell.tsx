import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { MainNav } from './MainNav.tsx';
import { TopBar } from './TopBar.tsx';

/** The frame of every signed-in page: top bar with the main menu, then the page. */
export function AppShell() {
  const { t } = useTranslation();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToMain')}
      </a>
      <TopBar nav={<MainNav />} />
      {/* Focusable so the skip link moves keyboard focus, not just the scroll position. */}
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
