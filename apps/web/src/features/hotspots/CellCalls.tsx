import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useInstantFormatter } from '../agency/useAgency.ts';
import { useCellCalls } from './hotspotQueries.ts';
import type { HotspotView } from './hotspotView.ts';

/** The calls behind the selected hexagon, newest first, as the reader may see them. */
export function CellCalls({ view, timeZone }: { view: HotspotView; timeZone: string }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const query = useCellCalls(view.cell, view, timeZone);
  return (
    <section className="hotspot-cell" aria-live="polite">
      <h2>{t('hotspots.cellTitle')}</h2>
      {view.cell === null ? (
        <EmptyState>{t('hotspots.cellHint')}</EmptyState>
      ) : query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.calls.length === 0 ? (
        <EmptyState>{t('hotspots.noCells')}</EmptyState>
      ) : (
        <>
          <ul className="hotspot-cell__list">
            {query.data.calls.map((call) => (
              <li key={call.id}>
                <strong>{call.incidentNumber}</strong> {call.callTypeDescription} ·{' '}
                {t('calls.priorityShort', { priority: call.priority })} ·{' '}
                <time dateTime={call.receivedAt}>
                  {formatInstant?.(call.receivedAt) ?? call.receivedAt}
                </time>
                {call.address && ` · ${call.address}`}
              </li>
            ))}
          </ul>
          {query.data.truncated && (
            <p className="page__note">
              {t('hotspots.cellTruncated', { count: query.data.calls.length })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
