import type { AgencyConfig } from '@watchfloor/contracts';
import { useMemo, useState, type ReactNode } from 'react';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { BeatsLayer } from './BeatsLayer.tsx';
import { boundsOf } from './bounds.ts';
import { DistrictList } from './DistrictList.tsx';
import { DistrictsLayer } from './DistrictsLayer.tsx';
import { DistrictTooltip } from './DistrictTooltip.tsx';
import type { DistrictStatus } from './live/LiveMap.tsx';
import { MapProvider, type MapView } from './MapProvider.tsx';
import { OfflineBackground } from './OfflineBackground.tsx';
import { offlineStyle } from './offlineStyle.ts';
import { mapPalette } from './palette.ts';

interface AgencyBaseMapProps {
  agency: AgencyConfig;
  /** Layers drawn over the districts and beats (live calls and units, hexagons…). */
  children?: ReactNode;
  /** What the district list shows under each district, if anything. */
  districtStatus?: DistrictStatus;
}

/**
 * The agency's map without anything live: offline background (or the agency's own tiles),
 * districts, beats, their tooltip and the district list. Pages add their layers as children.
 */
export function AgencyBaseMap({ agency, children, districtStatus }: AgencyBaseMapProps) {
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

  return (
    <MapProvider style={style} view={view} showAttribution={styleUrl !== null}>
      {styleUrl === null && <OfflineBackground color={palette.background} />}
      <DistrictsLayer districts={agency.districts} palette={palette} />
      <BeatsLayer beats={agency.beats} palette={palette} />
      {children}
      <DistrictTooltip />
      <DistrictList
        districts={agency.districts}
        statusOf={districtStatus?.statusOf}
        title={districtStatus?.title}
      />
    </MapProvider>
  );
}
