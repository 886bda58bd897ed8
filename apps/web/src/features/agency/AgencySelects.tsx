import { intervalMetrics, type AgencyConfig, type IntervalMetric } from '@watchfloor/contracts';
import { useTranslation } from 'react-i18next';

/**
 * Pickers over the agency's configuration, each a labelled field of a filter bar whose empty
 * value means "any". One place for their options, so every page words them the same way.
 */
interface FieldProps<T> {
  id: string;
  label: string;
  value: T | null;
  onChange: (value: T | null) => void;
}

export function CallTypeField({
  callTypes,
  ...field
}: FieldProps<string> & { callTypes: AgencyConfig['callTypes'] }) {
  const { t } = useTranslation();
  return (
    <div className="filter-bar__field">
      <label htmlFor={field.id}>{field.label}</label>
      <select
        id={field.id}
        value={field.value ?? ''}
        onChange={(event) => field.onChange(event.target.value || null)}
      >
        <option value="">{t('filters.allTypes')}</option>
        {callTypes.map((type) => (
          <option key={type.code} value={type.code}>
            {type.description}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PriorityField({
  priorities,
  ...field
}: FieldProps<number> & { priorities: AgencyConfig['priorities'] }) {
  const { t } = useTranslation();
  return (
    <div className="filter-bar__field">
      <label htmlFor={field.id}>{field.label}</label>
      <select
        id={field.id}
        value={field.value ?? ''}
        onChange={(event) =>
          field.onChange(event.target.value === '' ? null : Number(event.target.value))
        }
      >
        <option value="">{t('filters.allPriorities')}</option>
        {priorities.map((priority) => (
          <option key={priority.level} value={priority.level}>
            {`${t('calls.priorityShort', { priority: priority.level })} ${priority.label}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The interval metric, with its definition in the option text. */
export function MetricField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: IntervalMetric;
  onChange: (metric: IntervalMetric) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="filter-bar__field">
      <label htmlFor={id}>{t('stats.metric.label')}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as IntervalMetric)}
      >
        {intervalMetrics.map((metric) => (
          <option key={metric} value={metric}>
            {t(`stats.metric.${metric}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
