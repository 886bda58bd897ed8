import type { AgencyConfig, ResponseTimeGroup, StatsDimension } from '@watchfloor/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useAgency } from '../agency/useAgency.ts';
import { useSignedInUser } from '../auth/sessionContext.ts';
import { StatsFilters } from './StatsFilters.tsx';
import { formatSeconds, totalExcluded } from './statsFormat.ts';
import { includesNow, trendGrain } from './statsPeriod.ts';
import { DrillPanel } from './DrillPanel.tsx';
import { HistogramSection } from './HistogramSection.tsx';
import { bucketSecondsFor } from './statsDrill.ts';
import { useHistogram, useResponseTimes } from './statsQueries.ts';
import { StatsSection } from './StatsSection.tsx';
import {
  parseStatsView,
  responseTimeSearch,
  statsViewParams,
  type StatsView,
} from './statsView.ts';
import './stats.css';

export function StatsPage() {
  const { t } = useTranslation();
  usePageTitle(t('stats.title'));
  const agency = useAgency();
  return (
    <div className="page stats-page">
      <h1>{t('stats.title')}</h1>
      {agency.isPending ? (
        <LoadingState />
      ) : agency.isError ? (
        <ErrorState error={agency.error} onRetry={() => void agency.refetch()} />
      ) : (
        <Scorecard agency={agency.data} />
      )}
    </div>
  );
}

/** What was clicked to see the calls behind it. */
export interface DrillTarget {
  group: ResponseTimeGroup;
  dimension: StatsDimension;
  label: string;
}

function Scorecard({ agency }: { agency: AgencyConfig }) {
  const { t } = useTranslation();
  const { timeZone } = agency;
  const user = useSignedInUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(
    () => parseStatsView(searchParams, new Date(), timeZone),
    [searchParams, timeZone],
  );
  const setView = (next: StatsView) => setSearchParams(statsViewParams(next), { replace: true });
  const live = includesNow(view.period, new Date(), timeZone);
  const grain = trendGrain(view.period);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const onDrill = (group: ResponseTimeGroup, dimension: StatsDimension, label: string) =>
    setDrill({ group, dimension, label });

  const overall = useResponseTimes(view, timeZone, [], { live });
  const byPriority = useResponseTimes(view, timeZone, ['priority'], { live });
  const trend = useResponseTimes(view, timeZone, [grain], { live });
  const comparison = useResponseTimes(view, timeZone, [view.compareBy], { live });
  const histogram = useHistogram(
    responseTimeSearch(view, timeZone, []),
    bucketSecondsFor(view.metric),
    { live },
  );
  const districts = agency.districts.features
    .map((feature) => feature.properties)
    .filter((district) => user.districts.length === 0 || user.districts.includes(district.code));

  return (
    <>
      <StatsFilters view={view} districts={districts} timeZone={timeZone} onChange={setView} />
      <p className="page__note">{t('stats.method', { timeZone })}</p>
      <Overview groups={overall.data?.groups} metric={view.metric} live={live} />
      {drill && (
        <DrillPanel target={drill} view={view} agency={agency} onClose={() => setDrill(null)} />
      )}
      <StatsSection
        title={t('stats.byPriority')}
        dimension="priority"
        query={byPriority}
        kind="bars"
        showTargets
        onDrill={onDrill}
      />
      <HistogramSection query={histogram} />
      <StatsSection
        title={t('stats.trendBy', { grain: t(`stats.dimension.${grain}`).toLowerCase() })}
        dimension={grain}
        query={trend}
        kind={grain === 'hour' ? 'bars' : 'lines'}
        onDrill={onDrill}
      />
      <StatsSection
        title={`${t('stats.compare')}: ${t(`stats.dimension.${view.compareBy}`).toLowerCase()}`}
        dimension={view.compareBy}
        query={comparison}
        kind="bars"
        onDrill={onDrill}
      />
    </>
  );
}

function Overview({
  groups,
  metric,
  live,
}: {
  groups: ResponseTimeGroup[] | undefined;
  metric: StatsView['metric'];
  live: boolean;
}) {
  const { t } = useTranslation();
  const all = groups?.[0];
  const excluded = totalExcluded(groups ?? []);
  return (
    <section className="stats-overview" aria-live="polite">
      <p className="stats-overview__headline">
        <strong>{t(`stats.metric.${metric}`)}</strong>{' '}
        {all
          ? t('stats.overall', {
              n: all.n,
              median: formatSeconds(all.median, t),
              p90: formatSeconds(all.p90, t),
            })
          : t('stats.noCalls')}
      </p>
      <p className="page__note">
        {t('stats.excluded')}: {t('stats.excludedCounts', excluded)}
        {live && ` · ${t('stats.live')}`}
      </p>
    </section>
  );
}
