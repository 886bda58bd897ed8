import type { UserAdminView, UserSessionView } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useInstantFormatter } from '../agency/useAgency.ts';
import { formProblem } from './formProblem.ts';
import { useEndSession, useUserSessions } from './userQueries.ts';

/** A person's signed-in sessions; ending one signs it out and cuts its live updates at once. */
export function UserSessions({ user }: { user: UserAdminView }) {
  const { t } = useTranslation();
  const sessions = useUserSessions(user.id);
  const headingId = useId();
  return (
    <div>
      <h3 id={headingId}>{t('users.sessionsTitle')}</h3>
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.sessions.length === 0 ? (
        <EmptyState>{t('users.noSessions', { username: user.username })}</EmptyState>
      ) : (
        <SessionsTable user={user} sessions={sessions.data.sessions} labelledBy={headingId} />
      )}
    </div>
  );
}

function SessionsTable({
  user,
  sessions,
  labelledBy,
}: {
  user: UserAdminView;
  sessions: UserSessionView[];
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const end = useEndSession(user.id);
  const time = (instant: string | null) =>
    instant ? (
      <time dateTime={instant}>{formatInstant?.(instant) ?? instant}</time>
    ) : (
      t('audit.none')
    );

  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('users.signedInAt')}</th>
            <th scope="col">{t('users.from')}</th>
            <th scope="col">{t('users.provenBy')}</th>
            <th scope="col">{t('users.expiresAt')}</th>
            <th scope="col">{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>{time(session.signedInAt)}</td>
              <td>
                {session.ip ?? t('audit.none')}
                {session.userAgent && <div className="muted">{session.userAgent}</div>}
              </td>
              <td>{session.authenticatedBy.join(', ') || t('audit.none')}</td>
              <td>{time(session.expiresAt)}</td>
              <td>
                {session.current ? (
                  t('users.thisSession')
                ) : (
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={end.isPending}
                    onClick={() => end.mutate(session.id)}
                  >
                    {t('users.endSession')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {end.isError && (
        <p role="alert" className="form-alert">
          {formProblem(end.error, t)}
        </p>
      )}
    </div>
  );
}
