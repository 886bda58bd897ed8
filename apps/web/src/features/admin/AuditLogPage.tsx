import type { AuditEventView } from '@watchfloor/contracts';
import { useId, useMemo, useState } from 'react';
import { useAgency } from '../agency/useAgency.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { auditQueryParams, emptyAuditFilters, type AuditFilterForm } from './auditFilters.ts';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useInstantFormatter } from '../agency/useAgency.ts';
import { useAuditEvents } from './adminQueries.ts';
import { ChainStatus } from './ChainStatus.tsx';
import { TimeZoneNote } from './TimeZoneNote.tsx';

export function AuditLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const [filters, setFilters] = useState<AuditFilterForm>(emptyAuditFilters);
  const timeZone = useAgency().data?.timeZone ?? 'UTC';
  const params = useMemo(() => auditQueryParams(filters, timeZone), [filters, timeZone]);
  const filtered = Object.keys(params).length > 0;
  const audit = useAuditEvents(params);
  const events = audit.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <ChainStatus />
      <AuditFilters value={filters} onChange={setFilters} />
      <TimeZoneNote />
      {audit.isPending ? (
        <LoadingState />
      ) : audit.isError && events.length === 0 ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : events.length === 0 ? (
        <EmptyState>{t(filtered ? 'audit.noMatch' : 'audit.empty')}</EmptyState>
      ) : (
        <>
          <AuditTable events={events} />
          <div className="page__footer">
            {audit.isFetchNextPageError && (
              <ErrorState error={audit.error} onRetry={() => void audit.fetchNextPage()} />
            )}
            {audit.hasNextPage ? (
              <button
                type="button"
                className="button"
                disabled={audit.isFetchingNextPage}
                onClick={() => void audit.fetchNextPage()}
              >
                {t(audit.isFetchingNextPage ? 'audit.loadingOlder' : 'audit.loadOlder')}
              </button>
            ) : (
              <p className="state state--empty">{t('audit.noMore')}</p>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** Details are free-form per action; compact JSON keeps every key visible and copyable. */
function formatDetails(details: AuditEventView['details']): string | null {
  return Object.keys(details).length === 0 ? null : JSON.stringify(details);
}

function AuditTable({ events }: { events: AuditEventView[] }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const captionId = useId();
  const none = t('audit.none');

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.subject')}</th>
            <th scope="col">{t('audit.outcome')}</th>
            <th scope="col">{t('audit.ip')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const details = formatDetails(event.details);
            return (
              <tr key={event.id}>
                <td>
                  <time dateTime={event.at}>{formatInstant?.(event.at) ?? event.at}</time>
                </td>
                <td>{event.actorUsername ?? t('audit.system')}</td>
                <td>
                  <code>{event.action}</code>
                </td>
                <td>
                  {event.subjectType
                    ? [event.subjectType, event.subjectId].filter(Boolean).join(' ')
                    : none}
                </td>
                <td>
                  <span className={`badge badge--${event.outcome}`}>
                    {t(`audit.outcomes.${event.outcome}`)}
                  </span>
                </td>
                <td>{event.ip ?? none}</td>
                <td className="data-table__details">
                  {details ? <code title={details}>{details}</code> : none}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
