import type { AgencyConfig, Call, Unit } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Age } from '../../../ui/Age.tsx';
import { useInstantFormatter } from '../../agency/useAgency.ts';
import { useLivePosition } from '../../live/realtimeContext.ts';
import type { MapSelection } from './selection.ts';
import { latestPosition } from './unitFeatures.ts';

interface SelectionDetailsProps {
  selection: MapSelection;
  callsById: ReadonlyMap<string, Call>;
  unitsById: ReadonlyMap<string, Unit>;
  priorities: AgencyConfig['priorities'];
  onClose: () => void;
}

/**
 * Details of the selected call or unit, in a panel of fixed size (so the list above does not
 * move when something is picked). Kept current by the same cache as the map.
 */
export function SelectionDetails(props: SelectionDetailsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const { selection, callsById, unitsById, onClose } = props;
  const call = selection?.kind === 'call' ? callsById.get(selection.id) : undefined;
  const unit = selection?.kind === 'unit' ? unitsById.get(selection.id) : undefined;

  return (
    <section className="selection-details" aria-labelledby={headingId}>
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
      {call ? (
        <CallDetails call={call} priorities={props.priorities} />
      ) : unit ? (
        <UnitDetails unit={unit} callsById={callsById} />
      ) : (
        <p className="state state--empty">
          {selection ? t('selection.gone') : t('selection.hint')}
        </p>
      )}
    </section>
  );
}

function CallDetails({ call, priorities }: { call: Call; priorities: AgencyConfig['priorities'] }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const priorityLabel = priorities.find((entry) => entry.level === call.priority)?.label;
  return (
    <dl className="details-list">
      <dt>{t('calls.type')}</dt>
      <dd>{call.callTypeDescription}</dd>
      <dt>{t('calls.priority')}</dt>
      <dd>
        {t('calls.priorityShort', { priority: call.priority })}
        {priorityLabel ? ` · ${priorityLabel}` : ''}
      </dd>
      <dt>{t('calls.status')}</dt>
      <dd>{t(`callStatus.${call.status}`)}</dd>
      <dt>{t('calls.received')}</dt>
      <dd>
        {formatInstant?.(call.receivedAt)} (<Age since={call.receivedAt} />)
      </dd>
      <dt>{t('calls.address')}</dt>
      <dd>{call.address ?? t('calls.noAddress')}</dd>
      <dt>{t('calls.area')}</dt>
      <dd>{[call.district, call.beat].filter(Boolean).join(' / ') || t('calls.noArea')}</dd>
      <dt>{t('calls.units')}</dt>
      <dd>
        {call.assignedUnits.length === 0
          ? t('calls.noUnits')
          : call.assignedUnits
              .map((unit) => `${unit.callSign} (${t(`unitStatus.${unit.status}`)})`)
              .join(', ')}
      </dd>
    </dl>
  );
}

function UnitDetails({ unit, callsById }: { unit: Unit; callsById: ReadonlyMap<string, Call> }) {
  const { t } = useTranslation();
  const position = latestPosition(unit, useLivePosition(unit.id));
  const currentCall = unit.currentCallId ? callsById.get(unit.currentCallId) : undefined;
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
      <dd>{position ? <Age since={position.at} ago /> : t('units.noPosition')}</dd>
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
