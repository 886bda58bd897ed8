import type { Call, Unit } from '@watchfloor/contracts';
import { unitStatuses } from '@watchfloor/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTheme } from '../../app/ThemeProvider.tsx';
import { Age } from '../../ui/Age.tsx';
import { useLivePosition } from '../live/realtimeContext.ts';
import { PositionAge } from '../live/PositionAge.tsx';
import { livePalette } from '../map/livePalette.ts';
import { UnitGlyph } from '../map/live/MarkerGlyphs.tsx';
import { latestPosition } from '../map/live/unitFeatures.ts';
import type { DistrictUnits } from './unitBoard.ts';
import { UnitStatusControl } from './UnitStatusControl.tsx';

interface DistrictUnitsTableProps {
  group: DistrictUnits;
  callsById: ReadonlyMap<string, Call>;
  canUpdate: boolean;
}

export function DistrictUnitsTable({ group, callsById, canUpdate }: DistrictUnitsTableProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const counts = unitStatuses
    .filter((status) => group.counts[status] > 0)
    .map((status) => `${group.counts[status]} ${t(`unitStatus.${status}`).toLowerCase()}`)
    .join(' · ');

  return (
    <section className="unit-board__district" aria-labelledby={captionId}>
      <h2 id={captionId} className="unit-board__district-title">
        {t('unitBoard.district', { district: group.district })}
        <span className="unit-board__counts">{counts}</span>
      </h2>
      {group.units.length === 0 ? (
        <p className="state state--empty">{t('unitBoard.noneMatch')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('unitBoard.callSign')}</th>
                <th scope="col">{t('units.status')}</th>
                <th scope="col">{t('unitBoard.inStatus')}</th>
                <th scope="col">{t('units.currentCall')}</th>
                <th scope="col">{t('units.lastPosition')}</th>
                {canUpdate && <th scope="col">{t('unitBoard.changeStatus')}</th>}
              </tr>
            </thead>
            <tbody>
              {group.units.map((unit) => (
                <UnitRow key={unit.id} unit={unit} callsById={callsById} canUpdate={canUpdate} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function UnitRow({
  unit,
  callsById,
  canUpdate,
}: {
  unit: Unit;
  callsById: ReadonlyMap<string, Call>;
  canUpdate: boolean;
}) {
  const { t } = useTranslation();
  const palette = livePalette(useTheme().theme);
  const position = latestPosition(unit, useLivePosition(unit.id));
  const call = unit.currentCallId ? callsById.get(unit.currentCallId) : undefined;
  return (
    <tr>
      <th scope="row">{unit.callSign}</th>
      <td>
        <span className="unit-board__status">
          <UnitGlyph
            color={palette.unitStatus[unit.status]}
            ring={palette.unitRing}
            dash={palette.unitRing}
            freshness="live"
          />
          {t(`unitStatus.${unit.status}`)}
        </span>
      </td>
      <td>
        <Age since={unit.statusSince} />
      </td>
      <td>
        {call ? (
          <Link to={`/map?call=${encodeURIComponent(call.id)}`}>
            {call.incidentNumber} · {call.callTypeDescription}
          </Link>
        ) : unit.currentCallId ? (
          t('units.callNotShown')
        ) : (
          <span className="unit-board__none">{t('units.noCall')}</span>
        )}
      </td>
      <td>{position ? <PositionAge at={position.at} /> : t('units.noPosition')}</td>
      {canUpdate && (
        <td>
          <UnitStatusControl unit={unit} />
        </td>
      )}
    </tr>
  );
}
