import type { AgencyConfig } from '@watchfloor/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useInstantFormatter } from '../agency/useAgency.ts';
import { CallDetailPanel } from '../calls/CallDetailPanel.tsx';
import { drillSearch } from './statsDrill.ts';
import { formatSeconds } from './statsFormat.ts';
import { useDrillCalls } from './statsQueries.ts';
import type { DrillTarget } from './StatsPage.tsx';
import type { StatsView } from './statsView.ts';

interface DrillPanelProps {
  target: DrillTarget;
  view: StatsView;
  agency: AgencyConfig;
  onClose: () => void;
}

/**
 * The exact calls behind a bar or a row: the same calls the figure was computed from, the
 * excluded ones with their reason, longest interval first; a call opens with its timeline.
 */
export function DrillPanel({ target, view, agency, onClose }: DrillPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formatInstant = useInstantFormatter();
  const [openCallId, setOpenCallId] = useState<string | null>(null);
  const search = drillSearch(view, agency.timeZone, target.dimension, target.group.key);
  const calls = useDrillCalls(search);
  const pages = calls.data?.pages ?? [];
  const rows = pages.flatMap((page) => page.calls);
  const first = pages[0];

  // Opening a drill-down moves focus to it, so keyboard and screen-reader users follow.
  useEffect(() => headingRef.current?.focus(), [target]);

  return (
    <section className="drill-panel" aria-labelledby={headingId}>
      <div className="stats-section__header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('stats.drill.title', { group: target.label })}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('stats.drill.close')}
        </button>
      </div>
      {calls.isPending ? (
        <LoadingState />
      ) : calls.isError ? (
        <ErrorState error={calls.error} onRetry={() => void calls.refetch()} />
      ) : (
        <>
          {first && (
            <p className="page__note">
              {t('stats.drill.counts', { ...first.counts, shown: rows.length, total: first.total })}
            </p>
          )}
          <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('stats.drill.incident')}</th>
                  <th scope="col">{t('stats.drill.received')}</th>
                  <th scope="col">{t(`stats.metric.${view.metric}`)}</th>
                  <th scope="col">{t('stats.drill.outcome')}</th>
                  <th scope="col">{t('stats.dimension.priority')}</th>
                  <th scope="col">{t('stats.dimension.district')}</th>
                  <th scope="col">{t('stats.dimension.unit')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('history.replayCall')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((call) => (
                  <tr key={call.id} aria-current={call.id === openCallId ? 'true' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={call.id === openCallId}
                        onClick={() => setOpenCallId(call.id === openCallId ? null : call.id)}
                      >
                        {call.incidentNumber}
                      </button>
                    </th>
                    <td>
                      <time dateTime={call.receivedAt}>
                        {formatInstant?.(call.receivedAt) ?? call.receivedAt}
                      </time>
                    </td>
                    <td>{formatSeconds(call.seconds, t)}</td>
                    <td>
                      {call.exclusion
                        ? t(`stats.drill.reason.${call.exclusion}`)
                        : t('stats.drill.included')}
                    </td>
                    <td>{t('calls.priorityShort', { priority: call.priority })}</td>
                    <td>{call.district ?? t('stats.none.district')}</td>
                    <td>{call.unit ?? t('stats.none.unit')}</td>
                    <td>
                      <Link to={`/history?call=${encodeURIComponent(call.id)}`}>
                        {t('history.replayCall')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {calls.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={calls.isFetchingNextPage}
              onClick={() => void calls.fetchNextPage()}
            >
              {t('stats.drill.more')}
            </button>
          )}
          {openCallId && (
            <div className="drill-panel__call">
              <CallDetailPanel callId={openCallId} agency={agency} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
