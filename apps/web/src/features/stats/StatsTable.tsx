import type { ResponseTimeGroup } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSeconds, formatShare } from './statsFormat.ts';

interface StatsTableProps {
  caption: string;
  /** The heading of the first column (what the groups are, e.g. "Priority"). */
  groupHeading: string;
  groups: readonly ResponseTimeGroup[];
  labelOf: (group: ResponseTimeGroup) => string;
  /** Opens the calls behind a group; absent when drill-down is not offered. */
  onDrill?: (group: ResponseTimeGroup) => void;
  showTargets?: boolean;
}

/**
 * The figures of each group, exact and complete: the accessible view of every chart, and the
 * place the excluded calls are counted by reason. Seconds are shown rounded; the cell's title
 * holds the exact value.
 */
export function StatsTable(props: StatsTableProps) {
  const { caption, groupHeading, groups, labelOf, onDrill, showTargets = false } = props;
  const { t } = useTranslation();
  const captionId = useId();
  const seconds = (value: number | null) => (
    <td title={value === null ? undefined : t('stats.exactSeconds', { seconds: value.toFixed(1) })}>
      {formatSeconds(value, t)}
    </td>
  );

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table stats-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeading}</th>
            <th scope="col">{t('stats.n')}</th>
            <th scope="col">{t('stats.median')}</th>
            <th scope="col">{t('stats.p90')}</th>
            <th scope="col">{t('stats.mean')}</th>
            <th scope="col">{t('stats.range')}</th>
            {showTargets && <th scope="col">{t('stats.target')}</th>}
            {showTargets && <th scope="col">{t('stats.withinTarget')}</th>}
            <th scope="col">{t('stats.excluded')}</th>
            {onDrill && <th scope="col">{t('stats.calls')}</th>}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => {
            const label = labelOf(group);
            return (
              <tr key={JSON.stringify(group.key)}>
                <th scope="row">{label}</th>
                <td>{group.n}</td>
                {seconds(group.median)}
                {seconds(group.p90)}
                {seconds(group.mean)}
                <td>
                  {group.n === 0
                    ? '—'
                    : `${formatSeconds(group.min, t)} – ${formatSeconds(group.max, t)}`}
                </td>
                {showTargets && <td>{formatSeconds(group.target, t)}</td>}
                {showTargets && <td>{formatShare(group.withinTarget)}</td>}
                <td className="stats-table__excluded">
                  {t('stats.excludedCounts', group.excluded)}
                </td>
                {onDrill && (
                  <td>
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => onDrill(group)}
                      aria-label={t('stats.showCallsFor', { group: label })}
                    >
                      {t('stats.showCalls')}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
