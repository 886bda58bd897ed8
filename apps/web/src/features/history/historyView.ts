import { subDays } from 'date-fns';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

export const windowMinutes = [15, 30, 60] as const;

/** What the time machine replays: a window of the whole map, or one call's minutes. */
export type HistoryView =
  | { kind: 'window'; start: string; minutes: number }
  | { kind: 'call'; callId: string }
  | { kind: 'none' };

const localMinute = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function parseHistoryView(params: URLSearchParams): HistoryView {
  const callId = params.get('call');
  if (callId) return { kind: 'call', callId };
  const start = params.get('at');
  const minutes = Number(params.get('minutes'));
  if (start && localMinute.test(start)) {
    return {
      kind: 'window',
      start,
      minutes: windowMinutes.find((entry) => entry === minutes) ?? 30,
    };
  }
  return { kind: 'none' };
}

export function historyViewParams(view: HistoryView): URLSearchParams {
  if (view.kind === 'call') return new URLSearchParams({ call: view.callId });
  if (view.kind === 'window') {
    return new URLSearchParams({ at: view.start, minutes: String(view.minutes) });
  }
  return new URLSearchParams();
}

/** The window's instants: `start` is agency wall-clock time (what the dispatcher saw). */
export function windowInstants(start: string, minutes: number, timeZone: string) {
  const from = fromZonedTime(`${start}:00`, timeZone);
  return {
    from: from.toISOString(),
    to: new Date(from.getTime() + minutes * 60_000).toISOString(),
  };
}

/** Yesterday, local midnight to midnight, for finding its busiest hour. */
export function yesterdayInstants(now: Date, timeZone: string) {
  const day = formatInTimeZone(subDays(now, 1), timeZone, 'yyyy-MM-dd');
  const today = formatInTimeZone(now, timeZone, 'yyyy-MM-dd');
  return {
    day,
    from: fromZonedTime(`${day}T00:00:00`, timeZone).toISOString(),
    to: fromZonedTime(`${today}T00:00:00`, timeZone).toISOString(),
  };
}

/** A local start a while ago, as the form's default. */
export function defaultStart(now: Date, timeZone: string): string {
  return formatInTimeZone(new Date(now.getTime() - 60 * 60_000), timeZone, "yyyy-MM-dd'T'HH:00");
}
