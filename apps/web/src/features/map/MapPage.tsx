import type { AgencyConfig } from '@watchfloor/contracts';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useAgency } from '../agency/useAgency.ts';
import { useAppAbility } from '../auth/ability.ts';
import { useSignedInUser } from '../auth/sessionContext.ts';
import { liveAccessOf } from '../live/liveAccess.ts';
import { BeatsLayer } from './BeatsLayer.tsx';
import { boundsOf } from './bounds.ts';
import { DistrictList } from './DistrictList.tsx';
import { DistrictsLayer } from './DistrictsLayer.tsx';
import { DistrictTooltip } from './DistrictTooltip.tsx';
import { LiveMap, type DistrictStatus } from './live/LiveMap.tsx';
import { MapProvider, type MapView } from './MapProvider.tsx';
import { OfflineBackground } from './OfflineBackground.tsx';
import { offlineStyle } from './offlineStyle.ts';
import { mapPalette } from './palette.ts';
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
  const palette = mapPalette(theme);
  const { styleUrl } = agency.map;
  // The map reads its style once; with no tile server, theme changes reach the background
  // through <OfflineBackground>, so the first palette is enough here.
  const [style] = useState(() => styleUrl ?? offlineStyle(palette.background));
  const view = useMemo<MapView>(
    () => ({
      bounds: boundsOf(agency.districts.features),
      center: agency.map.center,
      zoom: agency.map.zoom,
    }),
    [agency],
  );

  const ability = useAppAbility();
  const user = useSignedInUser();
  const access = useMemo(() => liveAccessOf(ability, user), [ability, user]);

  const renderMap = (liveLayers: ReactNode, districtStatus?: DistrictStatus) => (
    <MapProvider style={style} view={view} showAttribution={styleUrl !== null}>
      {styleUrl === null && <OfflineBackground color={palette.background} />}
      <DistrictsLayer districts={agency.districts} palette={palette} />
      <BeatsLayer beats={agency.beats} palette={palette} />
      {liveLayers}
      <DistrictTooltip />
      <DistrictList
        districts={agency.districts}
        statusOf={districtStatus?.statusOf}
        title={districtStatus?.title}
      />
    </MapProvider>
  );

  // Only viewers with live access reach this page (see navigation), so the map is live.
  return <LiveMap access={access} agency={agency} theme={theme} renderMap={renderMap} />;
}
