import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { forgetSession } from '../features/auth/session.ts';
import { createHttpClient } from '../lib/http.ts';
import { createI18n } from '../lib/i18n.ts';
import { AppProviders, type AppServices } from './AppProviders.tsx';
import { createQueryClient } from './queryClient.ts';
import { routes } from './routes.tsx';

/** Wires the app's single instances together; nothing here runs at import time. */
export function createApp() {
  const http = createHttpClient();
  const queryClient = createQueryClient({
    // A 401 anywhere means the session is over: forget it; the session guard then shows sign-in.
    onSignedOut: () => forgetSession(queryClient, http),
  });
  const services: AppServices = { http, queryClient, i18n: createI18n() };
  const router = createBrowserRouter(routes);

  return function App() {
    return (
      <AppProviders services={services}>
        <RouterProvider router={router} />
      </AppProviders>
    );
  };
}
