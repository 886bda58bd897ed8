import type { AgencyConfig } from '@watchfloor/contracts';
import { openCallStatuses } from '@watchfloor/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallFilter } from './callFilter.ts';

interface CallQueueFiltersProps {
  filter: CallFilter;
  agency: Pick<AgencyConfig, 'priorities' | 'districts' | 'callTypes'>;
  onChange: (filter: CallFilter) => void;
}

/** Status, priority, district and type filters for the queue (and the map's calls). */
export function CallQueueFilters({ filter, agency, onChange }: CallQueueFiltersProps) {
  const { t } = useTranslation();
  const id = useId();
  const select = (
    key: keyof CallFilter,
    label: string,
    anyLabel: string,
    options: { value: string; label: string }[],
    parse: (value: string) => CallFilter[keyof CallFilter] = (value) => value,
  ) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="visually-hidden">
        {label}
      </label>
      <select
        id={`${id}-${key}`}
        value={filter[key] === null ? '' : String(filter[key])}
        onChange={(event) =>
          onChange({
            ...filter,
            [key]: event.target.value === '' ? null : parse(event.target.value),
          })
        }
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="queue-filters" role="group" aria-label={t('queue.filtersTitle')}>
      {select(
        'status',
        t('queue.filterStatus'),
        t('filters.allStatuses'),
        openCallStatuses.map((status) => ({ value: status, label: t(`callStatus.${status}`) })),
      )}
      {select(
        'priority',
        t('queue.filterPriority'),
        t('filters.allPriorities'),
        agency.priorities.map((entry) => ({
          value: String(entry.level),
          label: `${t('calls.priorityShort', { priority: entry.level })} ${entry.label}`,
        })),
        Number,
      )}
      {select(
        'district',
        t('queue.filterDistrict'),
        t('filters.allDistricts'),
        agency.districts.features.map(({ properties }) => ({
          value: properties.code,
          label: properties.name || properties.code,
        })),
      )}
      {select(
        'callType',
        t('queue.filterType'),
        t('filters.allTypes'),
        agency.callTypes.map((type) => ({ value: type.code, label: type.description })),
      )}
    </div>
  );
}
