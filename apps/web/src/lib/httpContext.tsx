import { createContext, use, type ReactNode } from 'react';
import type { HttpClient } from './http.ts';

const HttpClientContext = createContext<HttpClient | null>(null);

/** Hands the app's one HTTP client (and its CSRF token) to every query and mutation. */
export function HttpClientProvider({
  client,
  children,
}: {
  client: HttpClient;
  children: ReactNode;
}) {
  return <HttpClientContext value={client}>{children}</HttpClientContext>;
}

export function useHttpClient(): HttpClient {
  const client = use(HttpClientContext);
  if (!client) throw new Error('useHttpClient must be used inside <HttpClientProvider>');
  return client;
}
