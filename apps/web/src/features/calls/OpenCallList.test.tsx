import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../lib/i18n.ts';
import { testAgency } from '../../testing/fixtures.ts';
import { buildCall } from '../../testing/liveFixtures.ts';
import { livePalette } from '../map/livePalette.ts';
import { OpenCallList } from './OpenCallList.tsx';
import { QueueAge } from './QueueAge.tsx';

describe('OpenCallList shortcuts', () => {
  it('opens the call on Enter, assign on A and close on C, and documents them', () => {
    const call = buildCall({ priority: 1 });
    const onSelect = vi.fn();
    const onShortcut = vi.fn();
    render(
      <I18nextProvider i18n={createI18n()}>
        <OpenCallList
          calls={[call]}
          selectedCallId={null}
          onSelect={onSelect}
          onShortcut={onShortcut}
          palette={livePalette('dark')}
          priorities={testAgency.priorities}
          live
        />
      </I18nextProvider>,
    );
    expect(screen.getByText(/Shortcuts: Enter opens the call, A assigns, C closes/)).toBeTruthy();
    const list = screen.getByRole('listbox');
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith(call.id);
    fireEvent.keyDown(list, { key: 'a' });
    expect(onShortcut).toHaveBeenLastCalledWith(call.id, 'assign');
    fireEvent.keyDown(list, { key: 'C' });
    expect(onShortcut).toHaveBeenLastCalledWith(call.id, 'close');
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true });
    expect(onShortcut).toHaveBeenCalledTimes(2);
  });
});

describe('QueueAge', () => {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  it('marks a call past its targets in text as well as colour', () => {
    // Priority 1 targets in the fixture: response 420 s, no processing target.
    const late = buildCall({ priority: 1, receivedAt: minutesAgo(10) });
    const fresh = buildCall({ priority: 1, receivedAt: minutesAgo(1) });
    const { container } = render(
      <I18nextProvider i18n={createI18n()}>
        <p data-testid="late">
          <QueueAge call={late} priorities={testAgency.priorities} />
        </p>
        <p data-testid="fresh">
          <QueueAge call={fresh} priorities={testAgency.priorities} />
        </p>
      </I18nextProvider>,
    );
    // The shared ticker counts whole seconds, so allow the second either side of the minute.
    expect(screen.getByTestId('late').textContent).toMatch(
      /^▲▲ (9m 59s|10m 0\ds), past its response target$/,
    );
    expect(screen.getByTestId('fresh').textContent).toMatch(/^(59s|1m 0\ds)$/);
    expect(container.querySelectorAll('.queue-age--red')).toHaveLength(1);
  });
});
