import type { ResponseTimeGroup, StatsDimension, StatsGroupKey } from '@watchfloor/contracts';
import type { TFunction } from 'i18next';
import { formatAge } from '../../ui/Age.tsx';

/** "7m 12s": seconds as a dispatcher reads them; exact values stay in the tooltip and tables. */
export function formatSeconds(seconds: number | null, t: TFunction): string {
  return seconds === null ? '—' : formatAge(Math.round(seconds), t);
}

/** Axis ticks: short enough never to wrap ("45 s", "12 min", "1.5 h"). */
export function formatAxisSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
}

export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)} %`;
}

/** The label of a group's value for one dimension, e.g. "P1", "Tue", "23:00", "No district". */
export function keyLabel(key: StatsGroupKey, dimension: StatsDimension, t: TFunction): string {
  const value = key[dimension];
  if (value === null || value === undefined)
    return t(`stats.none.${dimension}`, t('stats.noneValue'));
  if (dimension === 'priority') return t('calls.priorityShort', { priority: value });
  if (dimension === 'weekday') return t(`stats.weekday.${value as 1 | 2 | 3 | 4 | 5 | 6 | 7}`);
  if (dimension === 'hour') return `${String(value).padStart(2, '0')}:00`;
  if (dimension === 'shift') return t(`stats.shift.${String(value)}`, String(value));
  return String(value);
}

/** Every excluded call of the groups, by reason. */
export function totalExcluded(groups: readonly ResponseTimeGroup[]) {
  return groups.reduce(
    (sum, group) => ({
      missing: sum.missing + group.excluded.missing,
      negative: sum.negative + group.excluded.negative,
      officerInitiated: sum.officerInitiated + group.excluded.officerInitiated,
    }),
    { missing: 0, negative: 0, officerInitiated: 0 },
  );
}
