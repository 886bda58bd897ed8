import type { UserAdminView } from '@watchfloor/contracts';
import { useId, useState } from 'react';
import { describeError } from '../../lib/errorMessage.ts';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useInstantFormatter } from '../agency/useAgency.ts';
import { useAccountAction, useUsers, type AccountAction } from './userQueries.ts';
import { useSignedInUser } from '../auth/sessionContext.ts';
import { TimeZoneNote } from './TimeZoneNote.tsx';
import { NewUserForm } from './NewUserForm.tsx';
import { UserManagePanel } from './UserManagePanel.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const users = useUsers();
  const [managedId, setManagedId] = useState<string | null>(null);
  const managed = users.data?.users.find((user) => user.id === managedId);

  return (
    <div className="page">
      <h1>{t('users.title')}</h1>
      <NewUserForm />
      {managed && <UserManagePanel user={managed} onClose={() => setManagedId(null)} />}
      <TimeZoneNote />
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.users.length === 0 ? (
        <EmptyState>{t('users.empty')}</EmptyState>
      ) : (
        <UsersTable users={users.data.users} onManage={setManagedId} />
      )}
    </div>
  );
}

function accountStatus(user: UserAdminView) {
  if (user.disabled) return { labelKey: 'users.disabled', badge: 'badge--muted' } as const;
  if (user.locked) return { labelKey: 'users.locked', badge: 'badge--failure' } as const;
  if (user.mustChangePassword) {
    return { labelKey: 'users.mustChangePassword', badge: 'badge--muted' } as const;
  }
  return { labelKey: 'users.active', badge: 'badge--ok' } as const;
}

/** The second factors an account has, in a word or two. */
function secondFactorsText(user: UserAdminView, t: ReturnType<typeof useTranslation>['t']) {
  const { totp, passkeys } = user.secondFactors;
  const parts = [
    ...(totp ? [t('users.factorApp')] : []),
    ...(passkeys > 0 ? [t('users.factorPasskeys', { count: passkeys })] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : t('users.factorNone');
}

function UsersTable({
  users,
  onManage,
}: {
  users: UserAdminView[];
  onManage: (userId: string) => void;
}) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const captionId = useId();
  const time = (instant: string) => (
    <time dateTime={instant}>{formatInstant?.(instant) ?? instant}</time>
  );

  return (
    // Focusable so keyboard users can scroll a table wider than the screen.
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{t('users.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.username')}</th>
            <th scope="col">{t('users.displayName')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.districts')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">{t('users.secondFactor')}</th>
            <th scope="col">{t('users.createdAt')}</th>
            <th scope="col">{t('users.lastLoginAt')}</th>
            <th scope="col">{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.username}</th>
              <td>{user.displayName}</td>
              <td>{t(`roles.${user.role}`)}</td>
              <td>
                {user.districts.length > 0 ? user.districts.join(', ') : t('users.allDistricts')}
              </td>
              <td>
                <span className={`badge ${accountStatus(user).badge}`}>
                  {t(accountStatus(user).labelKey)}
                </span>
              </td>
              <td>{secondFactorsText(user, t)}</td>
              <td>{time(user.createdAt)}</td>
              <td>{user.lastLoginAt ? time(user.lastLoginAt) : t('users.never')}</td>
              <td>
                <AccountActions user={user} onManage={() => onManage(user.id)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const actionTexts = {
  disable: { label: 'users.disable', short: 'users.disableShort', confirm: 'users.confirmDisable' },
  enable: { label: 'users.enable', short: 'users.enableShort', confirm: 'users.confirmEnable' },
  unlock: { label: 'users.unlock', short: 'users.unlockShort', confirm: 'users.confirmUnlock' },
  'mfa/reset': {
    label: 'users.resetMfa',
    short: 'users.resetMfaShort',
    confirm: 'users.confirmMfaReset',
  },
} as const satisfies Record<AccountAction, { label: string; short: string; confirm: string }>;

/**
 * The switches an administrator has on an account. Each asks first (they end sessions
 * or let someone back in) and is audited on the server; your own account cannot be
 * disabled from here.
 */
function AccountActions({ user, onManage }: { user: UserAdminView; onManage: () => void }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const act = useAccountAction();
  // What fits the account's state; your own account cannot be disabled from here.
  const offered: AccountAction[] = [
    ...(user.disabled ? ['enable' as const] : user.id === me.id ? [] : ['disable' as const]),
    ...(user.locked ? ['unlock' as const] : []),
    'mfa/reset',
  ];
  return (
    <div className="row-actions">
      <button
        type="button"
        className="button"
        aria-label={t('users.manage', { username: user.username })}
        onClick={onManage}
      >
        {t('users.manageShort')}
      </button>
      {offered.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'disable' ? 'button button--danger' : 'button'}
          aria-label={t(actionTexts[action].label, { username: user.username })}
          disabled={act.isPending}
          onClick={() => {
            if (window.confirm(t(actionTexts[action].confirm, { username: user.username })))
              act.mutate({ userId: user.id, action });
          }}
        >
          {t(actionTexts[action].short)}
        </button>
      ))}
      {act.isError && (
        <span role="alert" className="form-alert">
          {describeError(act.error, t)}
        </span>
      )}
    </div>
  );
}
