import { fromZonedTime } from 'date-fns-tz';

/**
 * Since 1970 every IANA zone changes its offset only at a whole quarter hour of
 * wall-clock time, so one offset per zone and wall-clock quarter hour is exact,
 * and an import of millions of rows asks Intl a few thousand times, not per row.
 */
const quarterHourMs = 15 * 60_000;
const offsetCache = new Map<string, number>();
const cacheLimit = 200_000;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function wallClockText(wallMs: number): string {
  const wall = new Date(wallMs);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.${pad(wall.getUTCMilliseconds(), 3)}`;
}

/**
 * The instant at which clocks in `timeZone` show a wall-clock time, the wall
 * clock given as milliseconds since 1970-01-01 00:00 of that clock (i.e. as if
 * it were UTC).
 */
export function instantOfWallClock(wallMs: number, timeZone: string): Date {
  const bucketStart = Math.floor(wallMs / quarterHourMs) * quarterHourMs;
  const key = `${timeZone}|${bucketStart}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = bucketStart - fromZonedTime(wallClockText(bucketStart), timeZone).getTime();
    if (offsetCache.size >= cacheLimit) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return new Date(wallMs - offset);
}

const isoLocal = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;

/**
 * Reads an ISO-like local date-time without offset (`2024-03-10T01:59:00`, a
 * space instead of the `T`, optional seconds and fraction) in `timeZone`;
 * other shapes go through date-fns-tz. Invalid dates give an invalid Date.
 */
export function parseLocalIso(text: string, timeZone: string): Date {
  const match = isoLocal.exec(text);
  if (!match) return fromZonedTime(text, timeZone);
  const [, year, month, day, hour, minute, second = '0', fraction = '0'] = match;
  const wallMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0')),
  );
  const wall = new Date(wallMs);
  // Date.UTC rolls 2024-02-30 over to March: a date that does not exist is invalid.
  const exists =
    wall.getUTCDate() === Number(day) &&
    wall.getUTCMonth() === Number(month) - 1 &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60;
  return exists ? instantOfWallClock(wallMs, timeZone) : new Date(Number.NaN);
}
