import { render } from '@testing-library/react';
import { createMemoryRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppProviders, type AppServices } from '../app/AppProviders.tsx';
import { createQueryClient } from '../app/queryClient.ts';
import { forgetSession } from '../features/auth/session.ts';
import { createHttpClient, type FetchFn } from '../lib/http.ts';
import { createI18n } from '../lib/i18n.ts';

/**
 * Renders `routes` at `path` with the app's real providers and session handling, talking to
 * `fetch` instead of a server.
 */
export function renderWithApp(
  routes: RouteObject[],
  { path, fetch }: { path: string; fetch: FetchFn },
) {
  const http = createHttpClient({ fetch });
  const queryClient = createQueryClient({ onSignedOut: () => forgetSession(queryClient, http) });
  // Retries only slow tests down; the retry rule itself is not under test here.
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  const services: AppServices = { http, queryClient, i18n: createI18n() };
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProviders services={services}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, services };
}
