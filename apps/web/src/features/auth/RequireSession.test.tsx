import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json } from '../../testing/fakeFetch.ts';
import { meFor } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/renderWithApp.tsx';
import { RequireSession } from './RequireSession.tsx';
import { meQueryKey } from './session.ts';

describe('RequireSession', () => {
  it('keeps the page when a later session check cannot reach the server', async () => {
    let reachable = true;
    const { fetch, requests } = createFakeFetch((request) => {
      if (request.url !== '/api/me') return undefined;
      return reachable ? json(200, meFor('dispatcher')) : Promise.reject(new TypeError('offline'));
    });
    const routes = [
      { path: '/', element: <RequireSession>{<p>Signed-in page</p>}</RequireSession> },
    ];
    const { services } = renderWithApp(routes, { path: '/', fetch });
    expect(await screen.findByText('Signed-in page')).toBeTruthy();

    reachable = false;
    await act(() => services.queryClient.invalidateQueries({ queryKey: meQueryKey }));
    await waitFor(() =>
      expect(services.queryClient.getQueryState(meQueryKey)?.status).toBe('error'),
    );
    expect(requests.length).toBeGreaterThan(1);
    expect(screen.getByText('Signed-in page')).toBeTruthy();
  });
});
