import { hotspotOrigins, type AgencyConfig } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CallTypeField, PriorityField } from '../agency/AgencySelects.tsx';
import { PeriodFields } from '../stats/PeriodFields.tsx';
import type { HotspotView } from './hotspotView.ts';

interface HotspotFiltersProps {
  view: HotspotView;
  agency: Pick<AgencyConfig, 'callTypes' | 'priorities' | 'timeZone'>;
  onChange: (view: HotspotView) => void;
}

const hours = Array.from({ length: 24 }, (_, hour) => hour);

export function HotspotFilters({ view, agency, onChange }: HotspotFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const numberOrNull = (value: string) => (value === '' ? null : Number(value));

  return (
    <div className="filter-bar hotspot-filters">
      <fieldset className="filter-bar__group">
        <legend>{t('hotspots.origin')}</legend>
        {hotspotOrigins.map((origin) => (
          <label key={origin} className="filter-chip">
            <input
              type="radio"
              name={`${id}-origin`}
              checked={view.origin === origin}
              onChange={() => onChange({ ...view, origin, cell: null })}
            />
            {t(`hotspots.${origin}`)}
          </label>
        ))}
      </fieldset>
      <PeriodFields
        period={view.period}
        timeZone={agency.timeZone}
        onChange={(period) => onChange({ ...view, period, cell: null })}
      />
      <CallTypeField
        id={`${id}-type`}
        label={t('hotspots.callType')}
        callTypes={agency.callTypes}
        value={view.callType}
        onChange={(callType) => onChange({ ...view, callType, cell: null })}
      />
      <PriorityField
        id={`${id}-priority`}
        label={t('hotspots.priority')}
        priorities={agency.priorities}
        value={view.priority}
        onChange={(priority) => onChange({ ...view, priority, cell: null })}
      />
      <div className="filter-bar__field">
        <label htmlFor={`${id}-hour`}>{t('hotspots.hour')}</label>
        <select
          id={`${id}-hour`}
          value={view.hour ?? ''}
          onChange={(event) =>
            onChange({ ...view, hour: numberOrNull(event.target.value), cell: null })
          }
        >
          <option value="">{t('hotspots.allHours')}</option>
          {hours.map((hour) => (
            <option key={hour} value={hour}>
              {`${String(hour).padStart(2, '0')}:00–${String(hour).padStart(2, '0')}:59`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
