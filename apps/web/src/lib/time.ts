/**
 * Formats instants (ISO 8601 strings from the server) as wall-clock time in the agency's
 * time zone, whatever zone the workstation is set to.
 */
export function createInstantFormatter(
  timeZone: string,
  locale: string,
): (instant: string) => string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (instant) => {
    const date = new Date(instant);
    return Number.isNaN(date.getTime()) ? instant : format.format(date);
  };
}

/** Formats instants as a wall-clock time of day (hh:mm:ss) in the agency's time zone. */
export function createClockFormatter(
  timeZone: string,
  locale: string,
): (instant: string | number) => string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (instant) => {
    const date = new Date(instant);
    return Number.isNaN(date.getTime()) ? String(instant) : format.format(date);
  };
}

/** Whole seconds elapsed from `since` (ISO instant) to `now` (epoch ms); never negative. */
export function secondsSince(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
}
