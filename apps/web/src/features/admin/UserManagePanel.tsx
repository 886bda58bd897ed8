import type { UserAdminView } from '@watchfloor/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formProblem } from './formProblem.ts';
import { GrantsFields, type Grants } from './GrantsFields.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { useResetPassword, useUpdateGrants } from './userQueries.ts';
import { UserSessions } from './UserSessions.tsx';

/** Everything an administrator changes on one account: grants, password, sessions. */
export function UserManagePanel({ user, onClose }: { user: UserAdminView; onClose: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>{t('users.manageTitle', { username: user.username })}</h2>
        <button type="button" className="button" onClick={onClose}>
          {t('users.close')}
        </button>
      </div>
      <GrantsForm key={user.id} user={user} />
      {user.identityProvider === null ? (
        <PasswordReset user={user} />
      ) : (
        <p>{t('users.ssoAccount', { issuer: user.identityProvider })}</p>
      )}
      <UserSessions user={user} />
    </section>
  );
}

function GrantsForm({ user }: { user: UserAdminView }) {
  const { t } = useTranslation();
  const update = useUpdateGrants(user.id);
  const [grants, setGrants] = useState<Grants>({ role: user.role, districts: user.districts });
  const [problem, setProblem] = useState<string | null>(null);
  const alertId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const displayName = (
      event.currentTarget.elements.namedItem('displayName') as HTMLInputElement
    ).value.trim();
    setProblem(null);
    update.mutate(
      { ...grants, displayName },
      { onError: (error) => setProblem(formProblem(error, t)) },
    );
  }

  return (
    <form className="inline-form" noValidate onSubmit={handleSubmit} aria-busy={update.isPending}>
      <label className="field">
        <span className="field__label">{t('users.displayName')}</span>
        <input name="displayName" defaultValue={user.displayName} autoComplete="off" />
      </label>
      <GrantsFields value={grants} onChange={setGrants} />
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {t('users.saveGrants')}
      </button>
      <div id={alertId} role="alert" className="form-alert">
        {problem}
      </div>
      {update.isSuccess && <p role="status">{t('users.grantsSaved')}</p>}
    </form>
  );
}

function PasswordReset({ user }: { user: UserAdminView }) {
  const { t } = useTranslation();
  const reset = useResetPassword(user.id);
  return (
    <div className="token-once">
      <div>
        <button
          type="button"
          className="button"
          disabled={reset.isPending}
          onClick={() => {
            if (window.confirm(t('users.confirmResetPassword', { username: user.username })))
              reset.mutate();
          }}
        >
          {t('users.resetPassword', { username: user.username })}
        </button>
      </div>
      {reset.isError && (
        <p role="alert" className="form-alert">
          {formProblem(reset.error, t)}
        </p>
      )}
      {reset.data && (
        <OneTimePassword username={user.username} password={reset.data.oneTimePassword} />
      )}
    </div>
  );
}
