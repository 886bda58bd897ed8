import { describe, expect, it } from 'vitest';
import {
  countBreaks,
  hotspotSearch,
  hotspotViewParams,
  parseHotspotView,
  resolutionForZoom,
} from './hotspotView.ts';

const timeZone = 'America/Los_Angeles';
const now = new Date('2026-03-09T20:00:00Z');

describe('hotspot view', () => {
  it('defaults to last month of community calls, and round-trips through the URL', () => {
    const view = parseHotspotView(new URLSearchParams(''), now, timeZone);
    expect(view).toEqual({
      period: { preset: 'lastMonth', from: '2026-02-01', to: '2026-02-28' },
      origin: 'community',
      callType: null,
      priority: null,
      hour: null,
      cell: null,
    });
    const full = parseHotspotView(
      new URLSearchParams(
        'period=last7&origin=officer&type=976&priority=2&hour=23&cell=882830829bfffff',
      ),
      now,
      timeZone,
    );
    expect(parseHotspotView(hotspotViewParams(full), now, timeZone)).toEqual(full);
  });

  it('ignores values that cannot be filters', () => {
    const view = parseHotspotView(
      new URLSearchParams('origin=all&hour=24&priority=x'),
      now,
      timeZone,
    );
    expect([view.origin, view.hour, view.priority]).toEqual(['community', null, null]);
  });

  it('asks the API for the local period, origin and filters', () => {
    const view = parseHotspotView(new URLSearchParams('origin=officer&hour=0'), now, timeZone);
    expect(Object.fromEntries(hotspotSearch(view, timeZone))).toEqual({
      from: '2026-02-01T08:00:00.000Z',
      to: '2026-03-01T08:00:00.000Z',
      origin: 'officer',
      hour: '0',
    });
  });

  it('chooses finer hexagons as the map zooms in', () => {
    expect([8, 11, 13, 16].map(resolutionForZoom)).toEqual([7, 8, 9, 10]);
  });

  it('breaks the colour ramp at quantiles of the counts', () => {
    expect(countBreaks([1, 1, 1, 1, 2, 2, 3, 5, 8, 40])).toEqual([1, 2, 3, 8]);
    expect(countBreaks([])).toEqual([1]);
  });
});
