import type { ResponseTimeGroup, StatsDimension } from '@watchfloor/contracts';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { GroupChart } from './GroupChart.tsx';
import { keyLabel } from './statsFormat.ts';
import { StatsTable } from './StatsTable.tsx';

/** The most groups a bar chart draws; the table always lists them all. */
const chartedGroups = 25;

interface StatsSectionProps {
  title: string;
  dimension: StatsDimension;
  query: {
    data?: { groups: ResponseTimeGroup[] };
    isPending: boolean;
    isError: boolean;
    error: unknown;
    refetch: () => unknown;
  };
  kind: 'bars' | 'lines';
  showTargets?: boolean;
  onDrill: (group: ResponseTimeGroup, dimension: StatsDimension, label: string) => void;
  /** Extra controls beside the title. */
  actions?: ReactNode;
}

/** One grouping of the scorecard: a chart and its table, with loading, empty and error states. */
export function StatsSection(props: StatsSectionProps) {
  const { title, dimension, query, kind, showTargets, onDrill, actions } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const labelOf = (group: ResponseTimeGroup) => keyLabel(group.key, dimension, t);
  const drill = (group: ResponseTimeGroup) => onDrill(group, dimension, labelOf(group));
  const groups = query.data?.groups ?? [];
  // Categories are charted busiest first (a trend keeps its time order).
  const charted =
    kind === 'bars' && groups.length > chartedGroups
      ? groups.toSorted((a, b) => b.n - a.n).slice(0, chartedGroups)
      : groups;

  return (
    <section className="stats-section" aria-labelledby={headingId}>
      <div className="stats-section__header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {query.isPending ? (
        <LoadingState label={t('stats.loading')} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : groups.length === 0 ? (
        <EmptyState>{t('stats.noCalls')}</EmptyState>
      ) : (
        <>
          <GroupChart
            groups={charted}
            labelOf={labelOf}
            kind={kind}
            showTargets={showTargets}
            onDrill={drill}
            summary={t('stats.chartSummary', { title })}
          />
          {charted.length < groups.length && (
            <p className="page__note">
              {t('stats.topGroups', { count: charted.length, total: groups.length })}
            </p>
          )}
          <StatsTable
            caption={title}
            groupHeading={t(`stats.dimension.${dimension}`)}
            groups={groups}
            labelOf={labelOf}
            onDrill={drill}
            showTargets={showTargets}
          />
        </>
      )}
    </section>
  );
}
