import { hotspotOrigins, type AgencyConfig } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
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
      <div className="filter-bar__field">
        <label htmlFor={`${id}-type`}>{t('hotspots.callType')}</label>
        <select
          id={`${id}-type`}
          value={view.callType ?? ''}
          onChange={(event) =>
            onChange({ ...view, callType: event.target.value || null, cell: null })
          }
        >
          <option value="">{t('filters.allTypes')}</option>
          {agency.callTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.description}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-bar__field">
        <label htmlFor={`${id}-priority`}>{t('hotspots.priority')}</label>
        <select
          id={`${id}-priority`}
          value={view.priority ?? ''}
          onChange={(event) =>
            onChange({ ...view, priority: numberOrNull(event.target.value), cell: null })
          }
        >
          <option value="">{t('filters.allPriorities')}</option>
          {agency.priorities.map((priority) => (
            <option key={priority.level} value={priority.level}>
              {`${t('calls.priorityShort', { priority: priority.level })} ${priority.label}`}
            </option>
          ))}
        </select>
      </div>
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
