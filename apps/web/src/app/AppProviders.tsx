import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { HttpClient } from '../lib/http.ts';
import { HttpClientProvider } from '../lib/httpContext.tsx';
import { ThemeProvider } from './ThemeProvider.tsx';

export interface AppServices {
  http: HttpClient;
  queryClient: QueryClient;
  i18n: I18n;
}

/** Everything a page needs from above; tests render pages inside this with fakes. */
export function AppProviders({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return (
    <I18nextProvider i18n={services.i18n}>
      <HttpClientProvider client={services.http}>
        <QueryClientProvider client={services.queryClient}>
          <ThemeProvider>{children}</ThemeProvider>
        </QueryClientProvider>
      </HttpClientProvider>
    </I18nextProvider>
  );
}
