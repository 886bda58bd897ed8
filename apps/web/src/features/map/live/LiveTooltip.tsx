import type { Call, Unit } from '@watchfloor/contracts';
import { useTranslation } from 'react-i18next';
import { Age } from '../../../ui/Age.tsx';
import { useLivePosition } from '../../live/realtimeContext.ts';
import { latestPosition } from './unitFeatures.ts';

interface LiveTooltipProps {
  call: Call | undefined;
  unit: Unit | undefined;
  x: number;
  y: number;
}

/**
 * The call or unit under the pointer, as HTML (the offline style has no glyphs for map
 * text). Hidden from assistive technology: the selection panel and the call list say the
 * same and are reachable by keyboard.
 */
export function LiveTooltip({ call, unit, x, y }: LiveTooltipProps) {
  return (
    <div
      className="map-tooltip map-tooltip--live"
      aria-hidden="true"
      style={{ transform: `translate(${x}px, ${y}px)` }}
    >
      {call ? <CallSummary call={call} /> : unit ? <UnitSummary unit={unit} /> : null}
    </div>
  );
}

function CallSummary({ call }: { call: Call }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>
        {t('calls.priorityShort', { priority: call.priority })} · {call.callTypeDescription}
      </strong>
      <span>
        {t(`callStatus.${call.status}`)} · <Age since={call.receivedAt} />
      </span>
      <span>{call.address ?? t('calls.noAddress')}</span>
    </>
  );
}

function UnitSummary({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const position = latestPosition(unit, useLivePosition(unit.id));
  return (
    <>
      <strong>{unit.callSign}</strong>
      <span>{t(`unitStatus.${unit.status}`)}</span>
      <span>
        {position ? (
          <>
            {t('units.positionAge')} <Age since={position.at} ago />
          </>
        ) : (
          t('units.noPosition')
        )}
      </span>
    </>
  );
}
