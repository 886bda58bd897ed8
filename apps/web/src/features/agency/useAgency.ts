import { agencyConfigSchema } from '@watchfloor/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { createClockFormatter, createInstantFormatter } from '../../lib/time.ts';

export const agencyQueryKey = ['agency'] as const;

/** The agency's configuration: name, time zone, districts and beats. It changes rarely. */
export function useAgency() {
  const http = useHttpClient();
  return useQuery({
    queryKey: agencyQueryKey,
    queryFn: ({ signal }) => http.get('/api/agency', agencyConfigSchema, { signal }),
    staleTime: 10 * 60_000,
  });
}

/**
 * Formats server instants in the agency's time zone; `undefined` until the configuration is
 * loaded, because a time in the workstation's zone would be silently wrong.
 */
export function useInstantFormatter(): ((instant: string) => string) | undefined {
  const { i18n } = useTranslation();
  const timeZone = useAgency().data?.timeZone;
  const language = i18n.language;
  return useMemo(
    () => (timeZone ? createInstantFormatter(timeZone, language) : undefined),
    [timeZone, language],
  );
}

/** Formats instants as hh:mm:ss in the agency's time zone; `undefined` until it is known. */
export function useClockFormatter(): ((instant: string | number) => string) | undefined {
  const { i18n } = useTranslation();
  const timeZone = useAgency().data?.timeZone;
  const language = i18n.language;
  return useMemo(
    () => (timeZone ? createClockFormatter(timeZone, language) : undefined),
    [timeZone, language],
  );
}
