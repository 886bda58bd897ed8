import type { AgencyConfig } from '@watchfloor/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useAgency } from '../agency/useAgency.ts';
import { useAppAbility } from '../auth/ability.ts';
import { useSignedInUser } from '../auth/sessionContext.ts';
import { liveAccessOf } from '../live/liveAccess.ts';
import { AgencyBaseMap } from './AgencyBaseMap.tsx';
import { LiveMap } from './live/LiveMap.tsx';
import './map.css';

export function MapPage() {
  const { t } = useTranslation();
  usePageTitle(t('map.title'));
  const agency = useAgency();

  return (
    <div className="page page--full">
      <h1 className="visually-hidden">{t('map.title')}</h1>
      {agency.isPending ? (
        <LoadingState label={t('map.loading')} />
      ) : agency.isError ? (
        <ErrorState error={agency.error} onRetry={() => void agency.refetch()} />
      ) : (
        <AgencyMap agency={agency.data} />
      )}
    </div>
  );
}

function AgencyMap({ agency }: { agency: AgencyConfig }) {
  const { theme } = useTheme();
  const ability = useAppAbility();
  const user = useSignedInUser();
  const access = useMemo(() => liveAccessOf(ability, user), [ability, user]);
  // Only viewers with live access reach this page (see navigation), so the map is live.
  return (
    <LiveMap
      access={access}
      agency={agency}
      theme={theme}
      renderMap={(liveLayers, districtStatus) => (
        <AgencyBaseMap agency={agency} districtStatus={districtStatus}>
          {liveLayers}
        </AgencyBaseMap>
      )}
    />
  );
}
