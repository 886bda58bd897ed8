import { describe, expect, it } from 'vitest';
import {
  historyViewParams,
  parseHistoryView,
  windowInstants,
  yesterdayInstants,
} from './historyView.ts';

describe('time machine view', () => {
  it('reads a window or a call from the URL, and writes it back', () => {
    const window = parseHistoryView(new URLSearchParams('at=2026-01-10T14:00&minutes=60'));
    expect(window).toEqual({ kind: 'window', start: '2026-01-10T14:00', minutes: 60 });
    expect(parseHistoryView(historyViewParams(window))).toEqual(window);
    expect(parseHistoryView(new URLSearchParams('call=abc&at=2026-01-10T14:00'))).toEqual({
      kind: 'call',
      callId: 'abc',
    });
    expect(parseHistoryView(new URLSearchParams('at=yesterday'))).toEqual({ kind: 'none' });
    expect(parseHistoryView(new URLSearchParams('at=2026-01-10T14:00&minutes=7'))).toMatchObject({
      minutes: 30,
    });
  });

  it('reads the start as the agency wall clock', () => {
    expect(windowInstants('2026-01-10T14:00', 30, 'America/Los_Angeles')).toEqual({
      from: '2026-01-10T22:00:00.000Z',
      to: '2026-01-10T22:30:00.000Z',
    });
  });

  it('finds yesterday in the agency zone, not the workstation one', () => {
    // 02:00 UTC on the 11th is still the 10th in Los Angeles, so "yesterday" is the 9th.
    expect(yesterdayInstants(new Date('2026-01-11T02:00:00Z'), 'America/Los_Angeles')).toEqual({
      day: '2026-01-09',
      from: '2026-01-09T08:00:00.000Z',
      to: '2026-01-10T08:00:00.000Z',
    });
  });
});
