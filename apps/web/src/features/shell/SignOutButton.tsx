import { useTranslation } from 'react-i18next';
import { useSignOut } from '../auth/session.ts';

export function SignOutButton() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <div className="sign-out">
      <button
        type="button"
        className="button"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        {t('shell.signOut')}
      </button>
      {signOut.isError && (
        <p role="alert" className="sign-out__error">
          {t('shell.signOutFailed')}
        </p>
      )}
    </div>
  );
}
