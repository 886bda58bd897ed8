import { describe, expect, it } from 'vitest';
import { formatAxisSeconds } from './statsFormat.ts';
import { includesNow, parsePeriod, periodInstants, trendGrain } from './statsPeriod.ts';
import { parseStatsView, responseTimeSearch, statsViewParams } from './statsView.ts';

const timeZone = 'America/Los_Angeles';
// 2026-03-08 is the spring-forward day in Los Angeles: the local day has 23 hours.
const now = new Date('2026-03-09T07:30:00Z'); // 2026-03-09 00:30 PDT

describe('stats periods', () => {
  it('turns presets into local dates of the agency, not of the workstation', () => {
    const params = new URLSearchParams('period=yesterday');
    expect(parsePeriod(params, now, timeZone)).toEqual({
      preset: 'yesterday',
      from: '2026-03-08',
      to: '2026-03-08',
    });
    expect(parsePeriod(new URLSearchParams('period=last7'), now, timeZone)).toMatchObject({
      from: '2026-03-03',
      to: '2026-03-09',
    });
  });

  it('gives last month as its first to last day', () => {
    expect(parsePeriod(new URLSearchParams('period=lastMonth'), now, timeZone)).toEqual({
      preset: 'lastMonth',
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('gives local midnights as instants, across a DST change', () => {
    const period = { preset: 'custom', from: '2026-03-08', to: '2026-03-08' } as const;
    expect(periodInstants(period, timeZone)).toEqual({
      from: '2026-03-08T08:00:00.000Z',
      to: '2026-03-09T07:00:00.000Z',
    });
  });

  it('falls back to the last 7 days for an unreadable or reversed custom period', () => {
    const reversed = new URLSearchParams('period=custom&from=2026-03-05&to=2026-03-01');
    expect(parsePeriod(reversed, now, timeZone).preset).toBe('last7');
    const garbage = new URLSearchParams('period=custom&from=yesterday&to=2026-03-01');
    expect(parsePeriod(garbage, now, timeZone).preset).toBe('last7');
  });

  it('knows when a period is still running, and picks a trend grain by length', () => {
    const today = parsePeriod(new URLSearchParams('period=today'), now, timeZone);
    expect(includesNow(today, now, timeZone)).toBe(true);
    const yesterday = parsePeriod(new URLSearchParams('period=yesterday'), now, timeZone);
    expect(includesNow(yesterday, now, timeZone)).toBe(false);
    expect(trendGrain(today)).toBe('hour');
    expect(trendGrain({ preset: 'custom', from: '2026-01-01', to: '2026-01-31' })).toBe('day');
    expect(trendGrain({ preset: 'custom', from: '2026-01-01', to: '2026-05-31' })).toBe('week');
    expect(trendGrain({ preset: 'custom', from: '2025-01-01', to: '2025-12-31' })).toBe('month');
  });
});

describe('stats view in the URL', () => {
  it('round-trips through the URL', () => {
    const params = new URLSearchParams(
      'metric=travel&period=custom&from=2026-01-01&to=2026-01-31&district=3&officer=include&compare=beat',
    );
    const view = parseStatsView(params, now, timeZone);
    expect(view).toEqual({
      metric: 'travel',
      period: { preset: 'custom', from: '2026-01-01', to: '2026-01-31' },
      district: '3',
      includeOfficerInitiated: true,
      compareBy: 'beat',
    });
    expect(parseStatsView(statsViewParams(view), now, timeZone)).toEqual(view);
  });

  it('builds the API query with the period as instants', () => {
    const view = parseStatsView(new URLSearchParams('period=yesterday&district=2'), now, timeZone);
    expect(Object.fromEntries(responseTimeSearch(view, timeZone, ['priority']))).toEqual({
      metric: 'response',
      from: '2026-03-08T08:00:00.000Z',
      to: '2026-03-09T07:00:00.000Z',
      groupBy: 'priority',
      district: '2',
    });
  });
});

describe('axis format', () => {
  it('keeps ticks short', () => {
    expect([30, 720, 5400].map(formatAxisSeconds)).toEqual(['30 s', '12 min', '1.5 h']);
  });
});
