import type { Call, Unit } from '@watchfloor/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useAgency } from '../agency/useAgency.ts';
import { liveAccessOf } from '../live/liveAccess.ts';
import { useOpenCalls, useUnits } from '../live/liveQueries.ts';
import { useConnection } from '../live/realtimeContext.ts';
import { useViewer } from '../shell/useViewer.ts';
import { DistrictUnitsTable } from './DistrictUnitsTable.tsx';
import { UnitBoardFilters } from './UnitBoardFilters.tsx';
import { parseUnitBoardFilter, unitBoard } from './unitBoard.ts';
import './units.css';

const noCalls: Call[] = [];

/**
 * The unit board: every unit the viewer may see, by home district and status, with time in
 * status, current call and position freshness, live from the same cache as the map.
 */
export function UnitsPage() {
  const { t } = useTranslation();
  usePageTitle(t('unitBoard.title'));
  const viewer = useViewer();
  const access = useMemo(() => liveAccessOf(viewer.ability, viewer.user), [viewer]);
  const units = useUnits();
  const calls = useOpenCalls({ enabled: access.calls });
  const agency = useAgency();
  const connection = useConnection();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = useMemo(() => parseUnitBoardFilter(searchParams), [searchParams]);
  const callsById = useMemo(
    () => new Map((calls.data ?? noCalls).map((call) => [call.id, call])),
    [calls.data],
  );
  const canUpdate = viewer.ability.can('update', 'Unit');

  return (
    <div className="page unit-board">
      <h1>
        {t('unitBoard.title')}
        {connection?.state !== 'live' && (
          <span className="unit-board__not-live">{t('calls.notLive')}</span>
        )}
      </h1>
      <UnitBoardFilters
        filter={filter}
        districts={agency.data?.districts.features.map((feature) => feature.properties) ?? []}
        onChange={(next) => setSearchParams(next, { replace: true })}
      />
      {units.isPending ? (
        <LoadingState label={t('unitBoard.loading')} />
      ) : units.isError ? (
        <ErrorState error={units.error} onRetry={() => void units.refetch()} />
      ) : (
        <Board units={units.data} filter={filter} callsById={callsById} canUpdate={canUpdate} />
      )}
    </div>
  );
}

interface BoardProps {
  units: readonly Unit[];
  filter: ReturnType<typeof parseUnitBoardFilter>;
  callsById: ReadonlyMap<string, Call>;
  canUpdate: boolean;
}

function Board({ units, filter, callsById, canUpdate }: BoardProps) {
  const { t } = useTranslation();
  const board = useMemo(() => unitBoard(units, filter), [units, filter]);
  if (board.length === 0) return <EmptyState>{t('unitBoard.empty')}</EmptyState>;
  return board.map((group) => (
    <DistrictUnitsTable
      key={group.district}
      group={group}
      callsById={callsById}
      canUpdate={canUpdate}
    />
  ));
}
