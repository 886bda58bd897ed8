import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../lib/i18n.ts';
import { TickerContext, type Ticker } from '../lib/ticker.ts';
import { Age, formatAge } from './Age.tsx';

function manualTicker(start: number) {
  let now = start;
  const listeners = new Set<() => void>();
  const ticker: Ticker = {
    now: () => now,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    ticker,
    advance(ms: number) {
      now += ms;
      for (const listener of listeners) listener();
    },
  };
}

describe('Age', () => {
  const i18n = createI18n();

  it('formats seconds, minutes and hours', () => {
    expect(formatAge(42, i18n.t)).toBe('42s');
    expect(formatAge(185, i18n.t)).toBe('3m 05s');
    expect(formatAge(7620, i18n.t)).toBe('2h 07m');
  });

  it('counts up with the ticker it subscribes to', () => {
    const clock = manualTicker(Date.parse('2026-01-15T18:00:59Z'));
    render(
      <I18nextProvider i18n={i18n}>
        <TickerContext value={clock.ticker}>
          <Age since="2026-01-15T18:00:00Z" ago />
        </TickerContext>
      </I18nextProvider>,
    );
    expect(screen.getByText('59s ago')).toBeTruthy();
    act(() => clock.advance(1000));
    expect(screen.getByText('1m 00s ago')).toBeTruthy();
  });
});
