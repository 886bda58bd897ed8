import { AbilityProvider } from '@casl/react';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { describeError } from '../../lib/errorMessage.ts';
import { FullPageStatus } from '../../ui/FullPageStatus.tsx';
import { abilityOf } from './ability.ts';
import { PasswordChangeRequired } from './PasswordChangeRequired.tsx';
import { useMe } from './session.ts';
import { SignedInUserContext } from './sessionContext.ts';

/** Renders its children for a signed-in user, with their ability; sends anyone else to sign-in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const user = me.data;
  const ability = useMemo(() => (user ? abilityOf(user) : null), [user]);

  if (me.isPending) return <FullPageStatus>{t('app.loading')}</FullPageStatus>;
  // A failed background refetch (server restarting, network blip) keeps the user it had:
  // only a session that was never loaded is an error page. A 401 is not an error here.
  if (me.isError && user === undefined) {
    return (
      <FullPageStatus role="alert" onRetry={() => void me.refetch()}>
        {describeError(me.error, t)}
      </FullPageStatus>
    );
  }
  if (!user || !ability) {
    return <Navigate to="/sign-in" replace />;
  }
  if (user.passwordChangeRequired) {
    return (
      <SignedInUserContext value={user}>
        <PasswordChangeRequired />
      </SignedInUserContext>
    );
  }
  return (
    <SignedInUserContext value={user}>
      <AbilityProvider value={ability}>{children}</AbilityProvider>
    </SignedInUserContext>
  );
}
