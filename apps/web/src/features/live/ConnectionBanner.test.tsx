import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/AppProviders.tsx';
import { createQueryClient } from '../../app/queryClient.ts';
import { createHttpClient } from '../../lib/http.ts';
import { createI18n } from '../../lib/i18n.ts';
import { createFakeFetch, json } from '../../testing/fakeFetch.ts';
import { testAgency } from '../../testing/fixtures.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { ConnectionContext, type Connection } from './realtimeContext.ts';

function renderBanner(connection: Connection) {
  const { fetch } = createFakeFetch((request) =>
    request.url === '/api/agency' ? json(200, testAgency) : undefined,
  );
  const services = {
    http: createHttpClient({ fetch }),
    queryClient: createQueryClient({ onSignedOut: () => {} }),
    i18n: createI18n(),
  };
  return render(
    <AppProviders services={services}>
      <ConnectionContext value={connection}>
        <ConnectionBanner />
      </ConnectionContext>
    </AppProviders>,
  );
}

describe('ConnectionBanner', () => {
  it('is an empty live region while live', () => {
    renderBanner({ state: 'live', lastUpdateAt: null, recovered: false });
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says live updates are lost, and as of when, in the agency’s time zone', async () => {
    // 18:30:05 UTC is 12:30:05 in Chicago.
    const lastUpdateAt = Date.parse('2026-01-15T18:30:05Z');
    renderBanner({ state: 'down', lastUpdateAt, recovered: false });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Live updates lost — reconnecting… Last update 12:30:05.',
      ),
    );
  });

  it('says when updates are back', () => {
    renderBanner({ state: 'live', lastUpdateAt: null, recovered: true });
    expect(screen.getByRole('status').textContent).toBe('Live updates restored.');
  });
});
