import { addDays, format, startOfMonth, subDays, subMonths } from 'date-fns';
import { formatInTimeZone, fromZonedTime, toZonedTime } from 'date-fns-tz';

/** Periods a scorecard offers; each is whole local days of the agency. */
export const periodPresets = [
  'today',
  'yesterday',
  'last7',
  'last30',
  'thisMonth',
  'lastMonth',
  'custom',
] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** A period as local dates of the agency: `from` and `to` both included (YYYY-MM-DD). */
export interface LocalPeriod {
  preset: PeriodPreset;
  from: string;
  to: string;
}

const dateFormat = 'yyyy-MM-dd';
const isLocalDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** The local dates of a preset, as of `now` in the agency's time zone. */
export function presetDates(preset: Exclude<PeriodPreset, 'custom'>, now: Date, timeZone: string) {
  const today = toZonedTime(now, timeZone);
  const day = (date: Date) => format(date, dateFormat);
  switch (preset) {
    case 'today':
      return { from: day(today), to: day(today) };
    case 'yesterday':
      return { from: day(subDays(today, 1)), to: day(subDays(today, 1)) };
    case 'last7':
      return { from: day(subDays(today, 6)), to: day(today) };
    case 'last30':
      return { from: day(subDays(today, 29)), to: day(today) };
    case 'thisMonth':
      return { from: day(startOfMonth(today)), to: day(today) };
    case 'lastMonth':
      return {
        from: day(startOfMonth(subMonths(today, 1))),
        to: day(subDays(startOfMonth(today), 1)),
      };
  }
}

/** Reads `period`, `from` and `to` from the URL; anything unreadable means `fallback`. */
export function parsePeriod(
  params: URLSearchParams,
  now: Date,
  timeZone: string,
  fallback: Exclude<PeriodPreset, 'custom'> = 'last7',
): LocalPeriod {
  const preset = params.get('period');
  const from = params.get('from');
  const to = params.get('to');
  if (preset === 'custom' && isLocalDate(from) && isLocalDate(to) && from <= to) {
    return { preset, from, to };
  }
  const known = periodPresets.find((entry) => entry === preset && entry !== 'custom');
  const chosen = (known ?? fallback) as Exclude<PeriodPreset, 'custom'>;
  return { preset: chosen, ...presetDates(chosen, now, timeZone) };
}

/** The instants the API takes: local midnight of `from` to local midnight after `to`. */
export function periodInstants(period: LocalPeriod, timeZone: string) {
  const start = fromZonedTime(`${period.from}T00:00:00`, timeZone);
  const end = fromZonedTime(
    `${format(addDays(new Date(`${period.to}T12:00:00`), 1), dateFormat)}T00:00:00`,
    timeZone,
  );
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Whether the period reaches the present, so its figures are still moving. */
export function includesNow(period: LocalPeriod, now: Date, timeZone: string): boolean {
  return formatInTimeZone(now, timeZone, dateFormat) <= period.to;
}

/** The grouping that suits the trend of a period of this length. */
export function trendGrain(period: LocalPeriod): 'hour' | 'day' | 'week' | 'month' {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  if (days <= 2) return 'hour';
  if (days <= 62) return 'day';
  if (days <= 200) return 'week';
  return 'month';
}
