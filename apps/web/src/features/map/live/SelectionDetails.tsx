import type { AgencyConfig, Call, Unit } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Age } from '../../../ui/Age.tsx';
import { CallDetailPanel, type CallPanelAction } from '../../calls/CallDetailPanel.tsx';
import { PositionAge } from '../../live/PositionAge.tsx';
import { useLivePosition } from '../../live/realtimeContext.ts';
import type { MapSelection } from './selection.ts';
import { latestPosition } from './unitFeatures.ts';

interface SelectionDetailsProps {
  selection: MapSelection;
  callsById: ReadonlyMap<string, Call>;
  unitsById: ReadonlyMap<string, Unit>;
  agency: Pick<AgencyConfig, 'priorities' | 'dispositions'>;
  /** An action form a keyboard shortcut asked for, with a key that changes on every request. */
  requestedAction?: { action: CallPanelAction; key: number } | null;
  /** The unit the map follows, and how to start or stop following one. */
  followedUnitId?: string | null;
  onFollow?: (unitId: string | null) => void;
  onClose: () => void;
}

/**
 * Details of the selected call or unit, in a panel of fixed size (so the list above does not
 * move when something is picked). Kept current by the same cache as the map.
 */
export function SelectionDetails(props: SelectionDetailsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const { selection, callsById, unitsById, onClose, requestedAction } = props;
  const call = selection?.kind === 'call' ? callsById.get(selection.id) : undefined;
  const unit = selection?.kind === 'unit' ? unitsById.get(selection.id) : undefined;

  return (
    <section
      className={
        selection?.kind === 'call'
          ? 'selection-details selection-details--call'
          : 'selection-details'
      }
      aria-labelledby={headingId}
    >
      <div className="selection-details__header">
        <h2 id={headingId}>
          {call ? call.incidentNumber : unit ? unit.callSign : t('selection.title')}
        </h2>
        {selection && (
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t('selection.clear')}
          </button>
        )}
      </div>
      {selection?.kind === 'call' ? (
        <CallDetailPanel
          key={`${selection.id}-${requestedAction?.key ?? 0}`}
          callId={selection.id}
          agency={props.agency}
          initialAction={requestedAction?.action ?? null}
          liveVersion={call?.version}
        />
      ) : unit ? (
        <UnitDetails
          unit={unit}
          callsById={callsById}
          following={props.followedUnitId === unit.id}
          onFollow={props.onFollow}
        />
      ) : (
        <p className="state state--empty">
          {selection ? t('selection.gone') : t('selection.hint')}
        </p>
      )}
    </section>
  );
}

interface UnitDetailsProps {
  unit: Unit;
  callsById: ReadonlyMap<string, Call>;
  following: boolean;
  onFollow?: (unitId: string | null) => void;
}

function UnitDetails({ unit, callsById, following, onFollow }: UnitDetailsProps) {
  const { t } = useTranslation();
  const position = latestPosition(unit, useLivePosition(unit.id));
  const currentCall = unit.currentCallId ? callsById.get(unit.currentCallId) : undefined;
  return (
    <>
      {onFollow && position && (
        <button
          type="button"
          className="button button--quiet"
          aria-pressed={following}
          onClick={() => onFollow(following ? null : unit.id)}
        >
          {following ? t('units.stopFollowing') : t('units.follow')}
        </button>
      )}
      <UnitFacts unit={unit} position={position} currentCall={currentCall} />
    </>
  );
}

function UnitFacts({
  unit,
  position,
  currentCall,
}: {
  unit: Unit;
  position: ReturnType<typeof latestPosition>;
  currentCall: Call | undefined;
}) {
  const { t } = useTranslation();
  return (
    <dl className="details-list">
      <dt>{t('units.status')}</dt>
      <dd>
        {t(`unitStatus.${unit.status}`)} (<Age since={unit.statusSince} />)
      </dd>
      <dt>{t('units.type')}</dt>
      <dd>{unit.type}</dd>
      <dt>{t('units.homeDistrict')}</dt>
      <dd>{unit.homeDistrict}</dd>
      <dt>{t('units.currentCall')}</dt>
      <dd>
        {currentCall
          ? `${currentCall.incidentNumber} · ${currentCall.callTypeDescription}`
          : unit.currentCallId
            ? t('units.callNotShown')
            : t('units.noCall')}
      </dd>
      <dt>{t('units.lastPosition')}</dt>
      <dd>{position ? <PositionAge at={position.at} /> : t('units.noPosition')}</dd>
      {position && position.speed !== null && (
        <>
          <dt>{t('units.speed')}</dt>
          <dd>{t('units.speedValue', { kmh: Math.round(position.speed * 3.6) })}</dd>
        </>
      )}
      {position && position.heading !== null && (
        <>
          <dt>{t('units.heading')}</dt>
          <dd>{t('units.headingValue', { degrees: Math.round(position.heading) })}</dd>
        </>
      )}
    </dl>
  );
}
