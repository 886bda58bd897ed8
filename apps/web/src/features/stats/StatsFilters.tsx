import { officerInitiatedExcludedMetrics } from '@watchfloor/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DistrictSelect } from '../../ui/DistrictSelect.tsx';
import { MetricField } from '../agency/AgencySelects.tsx';
import { PeriodFields } from './PeriodFields.tsx';
import { comparisonDimensions, type StatsView } from './statsView.ts';

interface StatsFiltersProps {
  view: StatsView;
  districts: readonly { code: string; name: string }[];
  timeZone: string;
  onChange: (view: StatsView) => void;
}

/** The scorecard's filters; the page keeps them in the URL so a view can be shared. */
export function StatsFilters({ view, districts, timeZone, onChange }: StatsFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const field = (name: string) => `${id}-${name}`;

  return (
    <div className="filter-bar stats-filters">
      <MetricField
        id={field('metric')}
        value={view.metric}
        onChange={(metric) => onChange({ ...view, metric })}
      />
      <PeriodFields
        period={view.period}
        timeZone={timeZone}
        onChange={(period) => onChange({ ...view, period })}
      />
      <div className="filter-bar__field">
        <label htmlFor={field('district')}>{t('stats.district')}</label>
        <DistrictSelect
          id={field('district')}
          value={view.district}
          districts={districts}
          allLabel={t('stats.allDistricts')}
          onChange={(district) => onChange({ ...view, district })}
        />
      </div>
      <div className="filter-bar__field">
        <label htmlFor={field('compare')}>{t('stats.compareBy')}</label>
        <select
          id={field('compare')}
          value={view.compareBy}
          onChange={(event) =>
            onChange({ ...view, compareBy: event.target.value as StatsView['compareBy'] })
          }
        >
          {comparisonDimensions.map((dimension) => (
            <option key={dimension} value={dimension}>
              {t(`stats.dimension.${dimension}`)}
            </option>
          ))}
        </select>
      </div>
      {officerInitiatedExcludedMetrics.includes(view.metric) && (
        <label className="filter-chip stats-filters__check">
          <input
            type="checkbox"
            checked={view.includeOfficerInitiated}
            onChange={(event) =>
              onChange({ ...view, includeOfficerInitiated: event.target.checked })
            }
          />
          {t('stats.includeOfficer')}
        </label>
      )}
    </div>
  );
}
