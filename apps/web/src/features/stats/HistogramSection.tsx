import type { ResponseTimeHistogram } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { formatAxisSeconds } from './statsFormat.ts';
import { statsPalette, tooltipStyles } from './statsPalette.ts';

interface HistogramSectionProps {
  query: {
    data?: ResponseTimeHistogram;
    isPending: boolean;
    isError: boolean;
    error: unknown;
    refetch: () => unknown;
  };
}

/** How the included calls spread over time: a bar per bucket, the last one open-ended. */
export function HistogramSection({ query }: HistogramSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const palette = statsPalette(useTheme().theme);
  const histogram = query.data;
  const rows = histogram
    ? [
        ...histogram.buckets.map((bucket) => ({
          label: `${formatAxisSeconds(bucket.from)}–${formatAxisSeconds(bucket.to)}`,
          count: bucket.count,
        })),
        ...(histogram.overflow.count > 0
          ? [
              {
                label: t('stats.histogram.overflow', {
                  from: formatAxisSeconds(histogram.overflow.from),
                }),
                count: histogram.overflow.count,
              },
            ]
          : []),
      ]
    : [];

  return (
    <section className="stats-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('stats.histogram.title')}</h2>
      {query.isPending ? (
        <LoadingState label={t('stats.loading')} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !histogram || histogram.n === 0 ? (
        <EmptyState>{t('stats.noCalls')}</EmptyState>
      ) : (
        <>
          <figure
            className="stats-chart"
            role="img"
            aria-label={t('stats.histogram.summary', {
              step: formatAxisSeconds(histogram.bucketSeconds),
            })}
          >
            <ResponsiveContainer width="100%" height={220}>
              <BarChart
                data={rows}
                margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
                accessibilityLayer={false}
              >
                <CartesianGrid stroke={palette.grid} vertical={false} />
                <XAxis
                  dataKey="label"
                  stroke={palette.axis}
                  tick={{ fill: palette.axis, fontSize: 11 }}
                />
                <YAxis
                  stroke={palette.axis}
                  tick={{ fill: palette.axis, fontSize: 12 }}
                  allowDecimals={false}
                />
                <Tooltip {...tooltipStyles(palette)} />
                <Bar dataKey="count" name={t('stats.histogram.count')} fill={palette.median} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <details>
            <summary>{t('stats.tableView')}</summary>
            <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('stats.histogram.bucket')}</th>
                    <th scope="col">{t('stats.histogram.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
