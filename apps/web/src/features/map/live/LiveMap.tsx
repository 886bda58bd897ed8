import type { AgencyConfig, Call, Unit } from '@watchfloor/contracts';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Theme } from '../../../app/theme.ts';
import { ErrorState, LoadingState } from '../../../ui/QueryState.tsx';
import { useAppAbility } from '../../auth/ability.ts';
import { useSignedInUser } from '../../auth/sessionContext.ts';
import type { CallPanelAction } from '../../calls/CallDetailPanel.tsx';
import { formatCoordinates, parseCoordinates } from '../../calls/createCall.ts';
import {
  filterCalls,
  isFiltering,
  parseCallFilter,
  withCallFilter,
  type CallFilter,
} from '../../calls/callFilter.ts';
import { CallQueueFilters } from '../../calls/CallQueueFilters.tsx';
import { CreateCallForm } from '../../calls/CreateCallForm.tsx';
import { NewCallButton } from '../../calls/NewCallButton.tsx';
import { OpenCallList } from '../../calls/OpenCallList.tsx';
import { DistrictLiveSummary } from '../../live/DistrictLiveSummary.tsx';
import { summarizeDistricts } from '../../live/districtSummary.ts';
import type { LiveAccess } from '../../live/liveAccess.ts';
import { useOpenCalls, useUnits } from '../../live/liveQueries.ts';
import { useConnection, usePositionStore } from '../../live/realtimeContext.ts';
import { livePalette } from '../livePalette.ts';
import { hasLocation } from './callFeatures.ts';
import { CallsLayer } from './CallsLayer.tsx';
import { FollowUnit } from './FollowUnit.tsx';
import { LiveMapStatus } from './LiveMapStatus.tsx';
import { LivePointer } from './LivePointer.tsx';
import { MapLegend } from './MapLegend.tsx';
import { PickedLocationLayer } from './PickedLocationLayer.tsx';
import { RevealSelection } from './RevealSelection.tsx';
import { SelectionDetails } from './SelectionDetails.tsx';
import { TextImages } from './textImages.ts';
import type { MapSelection } from './selection.ts';
import { latestPosition } from './unitFeatures.ts';
import { UnitsLayer } from './UnitsLayer.tsx';

interface LiveMapProps {
  access: LiveAccess;
  agency: AgencyConfig;
  theme: Theme;
  /** The map with its base layers; `liveLayers` go inside it, `districtStatus` by each district. */
  renderMap: (liveLayers: ReactNode, districtStatus: DistrictStatus) => ReactNode;
}

/** The live strip of each district the viewer covers, beside the district's name. */
export interface DistrictStatus {
  title: string;
  statusOf: (code: string) => ReactNode;
}

const noCalls: Call[] = [];
const noUnits: Unit[] = [];
const ignoreSelection = () => {};

function byId<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/**
 * The dispatcher's and supervisor's map: open calls and units drawn live, the open-call
 * queue beside it and the details of what is selected. While the connection is down the
 * whole view is marked stale, with the time of the last update.
 */
export function LiveMap({ access, agency, theme, renderMap }: LiveMapProps) {
  const { t } = useTranslation();
  const callsQuery = useOpenCalls({ enabled: access.calls });
  const unitsQuery = useUnits({ enabled: access.units });
  const connection = useConnection();
  const positions = usePositionStore();
  // A selected call lives in the URL (`?call=<id>`), so it survives a reload and can be shared.
  const [searchParams, setSearchParams] = useSearchParams();
  const [selectedUnitId, setSelectedUnitId] = useState<string | null>(null);
  // The unit the map keeps centred on; only ever the selected unit.
  const [followedUnitId, setFollowedUnitId] = useState<string | null>(null);
  const [requestedAction, setRequestedAction] = useState<{
    action: CallPanelAction;
    key: number;
  } | null>(null);
  const callParam = searchParams.get('call');
  const selection: MapSelection = callParam
    ? { kind: 'call', id: callParam }
    : selectedUnitId
      ? { kind: 'unit', id: selectedUnitId }
      : null;
  const setSelection = useCallback(
    (next: MapSelection) => {
      setRequestedAction(null);
      setSelectedUnitId(next?.kind === 'unit' ? next.id : null);
      setFollowedUnitId((followed) =>
        next?.kind === 'unit' && next.id === followed ? followed : null,
      );
      setSearchParams(
        (params) => {
          const copy = new URLSearchParams(params);
          if (next?.kind === 'call') copy.set('call', next.id);
          else copy.delete('call');
          return copy;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );
  const palette = livePalette(theme);
  const canCreate = useAppAbility().can('create', 'Call');
  // The new-call form: open or not, its location text (shared with the map marker) and
  // whether a click on the map picks that location.
  const [creating, setCreating] = useState(false);
  const [locationText, setLocationText] = useState('');
  const [picking, setPicking] = useState(false);
  const parsedLocation = creating ? parseCoordinates(locationText) : null;
  const pickedLocation = parsedLocation?.ok
    ? { lat: parsedLocation.lat, lon: parsedLocation.lon }
    : null;
  const closeForm = useCallback(() => {
    setCreating(false);
    setPicking(false);
    setLocationText('');
  }, []);
  const pick = useCallback((lat: number, lon: number) => {
    setLocationText(formatCoordinates(lat, lon));
    setPicking(false);
  }, []);

  const calls = callsQuery.data ?? noCalls;
  const callFilter = useMemo(() => parseCallFilter(searchParams), [searchParams]);
  const shownCalls = useMemo(() => filterCalls(calls, callFilter), [calls, callFilter]);
  const setCallFilter = useCallback(
    (next: CallFilter) =>
      setSearchParams((params) => withCallFilter(params, next), { replace: true }),
    [setSearchParams],
  );
  const units = unitsQuery.data ?? noUnits;
  const callsById = useMemo(() => byId(calls), [calls]);
  const unitsById = useMemo(() => byId(units), [units]);
  const stale = connection?.state !== 'live';
  const districtStatus = useDistrictStatus(agency, calls, units);

  const locate = useCallback(
    (target: NonNullable<MapSelection>): [number, number] | null => {
      if (target.kind === 'call') {
        const call = callsById.get(target.id);
        return call && hasLocation(call) ? [call.lon, call.lat] : null;
      }
      const unit = unitsById.get(target.id);
      const position = unit ? latestPosition(unit, positions?.get(unit.id)) : null;
      return position ? [position.lon, position.lat] : null;
    },
    [callsById, unitsById, positions],
  );
  const selectCall = useCallback(
    (id: string) => setSelection({ kind: 'call', id }),
    [setSelection],
  );
  const shortcut = useCallback(
    (id: string, action: CallPanelAction) => {
      setSelection({ kind: 'call', id });
      setRequestedAction((previous) => ({ action, key: (previous?.key ?? 0) + 1 }));
    },
    [setSelection],
  );

  return (
    <div className={stale ? 'live-map live-map--stale' : 'live-map'}>
      <div className="live-map__map">
        {renderMap(
          <>
            {access.calls && (
              <CallsLayer
                calls={shownCalls}
                palette={palette}
                selectedCallId={selection?.kind === 'call' ? selection.id : null}
              />
            )}
            {access.units && (
              <UnitsLayer
                units={units}
                positions={positions}
                palette={palette}
                selectedUnitId={selection?.kind === 'unit' ? selection.id : null}
              />
            )}
            <TextImages colors={{ text: palette.unitRing, halo: palette.markerOutline }} />
            <LivePointer
              callsById={callsById}
              unitsById={unitsById}
              onSelect={picking ? ignoreSelection : setSelection}
            />
            {creating && (
              <PickedLocationLayer
                location={pickedLocation}
                palette={palette}
                picking={picking}
                onPick={pick}
              />
            )}
            <RevealSelection selection={selection} locate={locate} />
            {followedUnitId !== null && selection?.kind === 'unit' && (
              <FollowUnit
                unitId={followedUnitId}
                positions={positions}
                start={locate(selection)}
                onStop={() => setFollowedUnitId(null)}
              />
            )}
          </>,
          districtStatus,
        )}
        <LiveMapStatus connection={connection} />
        <MapLegend palette={palette} priorities={agency.priorities} access={access} />
        {access.calls && (
          <div className="live-map__actions">
            <NewCallButton open={creating} onOpen={() => setCreating(true)} />
          </div>
        )}
      </div>
      <aside className="live-map__side" aria-label={t('live.sidePanel')}>
        {access.calls &&
          (callsQuery.isPending ? (
            <LoadingState label={t('calls.loading')} />
          ) : callsQuery.isError ? (
            <ErrorState error={callsQuery.error} onRetry={() => void callsQuery.refetch()} />
          ) : (
            <OpenCallList
              calls={shownCalls}
              unfilteredCount={isFiltering(callFilter) ? calls.length : undefined}
              filters={
                <CallQueueFilters filter={callFilter} agency={agency} onChange={setCallFilter} />
              }
              priorities={agency.priorities}
              selectedCallId={selection?.kind === 'call' ? selection.id : null}
              onSelect={selectCall}
              onShortcut={shortcut}
              canCreate={canCreate}
              palette={palette}
              live={!stale}
            />
          ))}
        {access.units && unitsQuery.isError && (
          <ErrorState error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />
        )}
        {creating ? (
          <CreateCallForm
            agency={agency}
            locationText={locationText}
            onLocationTextChange={setLocationText}
            picking={picking}
            onPickingChange={setPicking}
            onCreated={(call) => {
              closeForm();
              setSelection({ kind: 'call', id: call.id });
            }}
            onCancel={closeForm}
          />
        ) : (
          <SelectionDetails
            selection={selection}
            followedUnitId={followedUnitId}
            onFollow={setFollowedUnitId}
            callsById={callsById}
            unitsById={unitsById}
            agency={agency}
            requestedAction={requestedAction}
            onClose={() => setSelection(null)}
          />
        )}
      </aside>
    </div>
  );
}

/** Live summaries for the districts the viewer covers (a supervisor's own; everyone's else). */
function useDistrictStatus(
  agency: AgencyConfig,
  calls: readonly Call[],
  units: readonly Unit[],
): DistrictStatus {
  const { t } = useTranslation();
  const { districts } = useSignedInUser();
  const summaries = useMemo(() => {
    const covered =
      districts.length > 0
        ? districts
        : agency.districts.features.map((feature) => feature.properties.code);
    const list = summarizeDistricts(covered, calls, units);
    return new Map(list.map((summary) => [summary.district, summary]));
  }, [agency, districts, calls, units]);
  return useMemo(
    () => ({
      title: t('districtLive.title'),
      statusOf: (code: string) => {
        const summary = summaries.get(code);
        return summary ? <DistrictLiveSummary summary={summary} /> : null;
      },
    }),
    [summaries, t],
  );
}
