import { fromZonedTime } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import { instantOfWallClock, parseLocalIso } from './zoned-time.ts';

const zones = ['America/Los_Angeles', 'America/Chicago', 'Europe/Berlin', 'Australia/Lord_Howe'];
const wallText = (wallMs: number) => new Date(wallMs).toISOString().slice(0, 19);

describe('instantOfWallClock', () => {
  it('agrees with date-fns-tz at every minute around DST changes', () => {
    // Each zone's spring and autumn changes of 2024, ±3 hours, minute by minute.
    const days = [
      '2024-03-10',
      '2024-11-03',
      '2024-03-31',
      '2024-10-27',
      '2024-04-07',
      '2024-10-06',
    ];
    for (const timeZone of zones)
      for (const day of days) {
        const start = Date.parse(`${day}T00:00:00Z`);
        for (let minute = 0; minute < 6 * 60; minute += 1) {
          const wallMs = start + minute * 60_000 + 17_000;
          expect(
            instantOfWallClock(wallMs, timeZone).getTime(),
            `${timeZone} ${wallText(wallMs)}`,
          ).toBe(fromZonedTime(wallText(wallMs), timeZone).getTime());
        }
      }
  });
});

describe('parseLocalIso', () => {
  it('reads T or space, optional seconds and fractions, in the zone', () => {
    for (const text of ['2024-07-01T09:30', '2024-07-01 09:30:00', '2024-07-01T09:30:00.000'])
      expect(parseLocalIso(text, 'America/Los_Angeles').toISOString()).toBe(
        '2024-07-01T16:30:00.000Z',
      );
    expect(parseLocalIso('2024-07-01 09:30:05.25', 'UTC').toISOString()).toBe(
      '2024-07-01T09:30:05.250Z',
    );
  });

  it('gives an invalid date for a day or time that does not exist', () => {
    for (const text of ['2024-02-30 10:00', '2024-13-45 99:00:00', '2024-01-01 24:00', 'soon'])
      expect(Number.isNaN(parseLocalIso(text, 'UTC').getTime()), text).toBe(true);
  });

  it('hands other shapes to date-fns-tz', () => {
    expect(parseLocalIso('2024-07-01', 'UTC').toISOString()).toBe('2024-07-01T00:00:00.000Z');
  });
});
