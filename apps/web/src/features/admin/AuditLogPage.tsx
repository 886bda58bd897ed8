import { useMemo, useState } from 'react';
import { useAgency } from '../agency/useAgency.ts';
import { AuditExport } from './AuditExport.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { auditQueryParams, emptyAuditFilters, type AuditFilterForm } from './auditFilters.ts';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
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
      <AuditExport filters={params} />
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
