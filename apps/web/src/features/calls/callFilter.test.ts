import { describe, expect, it } from 'vitest';
import { buildCall } from '../../testing/liveFixtures.ts';
import { filterCalls, parseCallFilter, withCallFilter } from './callFilter.ts';

describe('call filter', () => {
  it('reads every filter from the URL and ignores values that cannot be one', () => {
    expect(
      parseCallFilter(new URLSearchParams('status=pending&priority=2&district=3&type=415')),
    ).toEqual({
      status: 'pending',
      priority: 2,
      district: '3',
      callType: '415',
    });
    expect(parseCallFilter(new URLSearchParams('status=closed&priority=high'))).toEqual({
      status: null,
      priority: null,
      district: null,
      callType: null,
    });
  });

  it('writes the filters back without touching the selected call', () => {
    const params = withCallFilter(new URLSearchParams('call=abc&priority=1'), {
      status: 'enroute',
      priority: null,
      district: '2',
      callType: null,
    });
    expect(params.toString()).toBe('call=abc&status=enroute&district=2');
  });

  it('keeps the calls matching every filter', () => {
    const match = buildCall({ status: 'pending', priority: 1, district: '2', callType: '415' });
    const calls = [
      match,
      buildCall({ status: 'dispatched', priority: 1, district: '2', callType: '415' }),
      buildCall({ status: 'pending', priority: 2, district: '2', callType: '415' }),
      buildCall({ status: 'pending', priority: 1, district: '3', callType: '415' }),
      buildCall({ status: 'pending', priority: 1, district: '2', callType: '459' }),
    ];
    const filter = parseCallFilter(
      new URLSearchParams('status=pending&priority=1&district=2&type=415'),
    );
    expect(filterCalls(calls, filter)).toEqual([match]);
    expect(filterCalls(calls, parseCallFilter(new URLSearchParams()))).toBe(calls);
  });
});
