import type { AgencyConfig, HotspotCell } from '@watchfloor/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useAgency } from '../agency/useAgency.ts';
import { useAppAbility } from '../auth/ability.ts';
import { AgencyBaseMap } from '../map/AgencyBaseMap.tsx';
import { CellCalls } from './CellCalls.tsx';
import { HexLayer } from './HexLayer.tsx';
import { HexLegend } from './HexLegend.tsx';
import { hexRamp, selectedHexOutline } from './hexPalette.ts';
import { HotspotExport } from './HotspotExport.tsx';
import { HotspotFilters } from './HotspotFilters.tsx';
import { useHotspots } from './hotspotQueries.ts';
import {
  countBreaks,
  hotspotViewParams,
  parseHotspotView,
  type HotspotView,
} from './hotspotView.ts';
import { TopHexagons } from './TopHexagons.tsx';
import '../map/map.css';
import './hotspots.css';

const noCells: HotspotCell[] = [];

export function HotspotsPage() {
  const { t } = useTranslation();
  usePageTitle(t('hotspots.title'));
  const agency = useAgency();
  return (
    <div className="page page--full hotspots-page">
      <h1 className="visually-hidden">{t('hotspots.title')}</h1>
      {agency.isPending ? (
        <LoadingState />
      ) : agency.isError ? (
        <ErrorState error={agency.error} onRetry={() => void agency.refetch()} />
      ) : (
        <Hotspots agency={agency.data} />
      )}
    </div>
  );
}

function Hotspots({ agency }: { agency: AgencyConfig }) {
  const { t } = useTranslation();
  const { theme } = useTheme();
  const canExport = useAppAbility().can('export', 'Call');
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(
    () => parseHotspotView(searchParams, new Date(), agency.timeZone),
    [searchParams, agency.timeZone],
  );
  const setView = (next: HotspotView) =>
    setSearchParams(hotspotViewParams(next), { replace: true });
  const [resolution, setResolution] = useState(8);
  const hotspots = useHotspots(view, agency.timeZone, resolution);
  const cells = hotspots.data?.cells ?? noCells;
  const breaks = useMemo(() => countBreaks(cells.map((cell) => cell.count)), [cells]);
  const colors = hexRamp(theme);
  const select = (cell: string) => setView({ ...view, cell });

  return (
    <div className="hotspots">
      <div className="hotspots__filters">
        <HotspotFilters view={view} agency={agency} onChange={setView} />
        <p className="page__note">{t('hotspots.originNote')}</p>
      </div>
      <div className="hotspots__map">
        <AgencyBaseMap agency={agency}>
          <HexLayer
            cells={cells}
            breaks={breaks}
            colors={colors}
            selectedCell={view.cell}
            selectedColor={selectedHexOutline[theme]}
            onSelect={select}
            onResolution={setResolution}
          />
        </AgencyBaseMap>
        <HexLegend breaks={breaks} colors={colors} resolution={resolution} />
      </div>
      <aside className="side-panel" aria-label={t('hotspots.topTitle')}>
        {hotspots.isPending ? (
          <LoadingState label={t('hotspots.loading')} />
        ) : hotspots.isError ? (
          <ErrorState error={hotspots.error} onRetry={() => void hotspots.refetch()} />
        ) : (
          <>
            <p className="page__note">
              {t('hotspots.summary', {
                total: hotspots.data.total,
                previousTotal: hotspots.data.previousTotal,
                unlocated: hotspots.data.unlocated,
              })}
            </p>
            {cells.length === 0 ? (
              <EmptyState>{t('hotspots.noCells')}</EmptyState>
            ) : (
              <TopHexagons cells={cells} selectedCell={view.cell} onSelect={select} />
            )}
          </>
        )}
        <CellCalls view={view} timeZone={agency.timeZone} />
        {canExport && (
          <HotspotExport view={view} timeZone={agency.timeZone} resolution={resolution} />
        )}
      </aside>
    </div>
  );
}
