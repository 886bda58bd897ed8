import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useAppAbility } from '../auth/ability.ts';
import { useSignedInUser } from '../auth/sessionContext.ts';
import { ConnectionBanner } from '../live/ConnectionBanner.tsx';
import { hasLiveAccess, liveAccessOf } from '../live/liveAccess.ts';
import { RealtimeProvider } from '../live/RealtimeProvider.tsx';
import { MainNav } from './MainNav.tsx';
import { TopBar } from './TopBar.tsx';

/** The frame of every signed-in page: top bar with the main menu, then the page. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const ability = useAppAbility();
  const live = useMemo(() => hasLiveAccess(liveAccessOf(ability, user)), [ability, user]);

  const frame = (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToMain')}
      </a>
      <TopBar nav={<MainNav />} />
      {live && <ConnectionBanner />}
      {/* Focusable so the skip link moves keyboard focus, not just the scroll position. */}
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
  // Only users with live views get a socket; keyed by user so no state outlives a session.
  return live ? <RealtimeProvider key={user.id}>{frame}</RealtimeProvider> : frame;
}
