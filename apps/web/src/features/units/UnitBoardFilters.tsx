import { unitStatuses, type UnitStatus } from '@watchfloor/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DistrictSelect } from '../../ui/DistrictSelect.tsx';
import type { UnitBoardFilter } from './unitBoard.ts';

interface UnitBoardFiltersProps {
  filter: UnitBoardFilter;
  districts: readonly { code: string; name: string }[];
  /** The new URL search parameters (the filter lives in the URL, so a view can be shared). */
  onChange: (params: URLSearchParams) => void;
}

function toParams(filter: UnitBoardFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.statuses.length > 0) params.set('status', filter.statuses.join(','));
  if (filter.district !== null) params.set('district', filter.district);
  return params;
}

export function UnitBoardFilters({ filter, districts, onChange }: UnitBoardFiltersProps) {
  const { t } = useTranslation();
  const districtId = useId();

  function toggle(status: UnitStatus, on: boolean) {
    const statuses = on
      ? unitStatuses.filter((entry) => entry === status || filter.statuses.includes(entry))
      : filter.statuses.filter((entry) => entry !== status);
    onChange(toParams({ ...filter, statuses }));
  }

  return (
    <div className="filter-bar">
      <fieldset className="filter-bar__group">
        <legend>{t('unitBoard.statusFilter')}</legend>
        {unitStatuses.map((status) => (
          <label key={status} className="filter-chip">
            <input
              type="checkbox"
              checked={filter.statuses.includes(status)}
              onChange={(event) => toggle(status, event.target.checked)}
            />
            {t(`unitStatus.${status}`)}
          </label>
        ))}
      </fieldset>
      <div className="filter-bar__group">
        <label htmlFor={districtId}>{t('filters.district')}</label>
        <DistrictSelect
          id={districtId}
          value={filter.district}
          districts={districts}
          allLabel={t('filters.allDistricts')}
          onChange={(district) => onChange(toParams({ ...filter, district }))}
        />
      </div>
    </div>
  );
}
