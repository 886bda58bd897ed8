import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../lib/i18n.ts';
import { buildCall } from '../../testing/liveFixtures.ts';
import { livePalette } from '../map/livePalette.ts';
import { OpenCallList } from './OpenCallList.tsx';

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
