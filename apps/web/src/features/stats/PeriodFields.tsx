import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { periodPresets, presetDates, type LocalPeriod, type PeriodPreset } from './statsPeriod.ts';

interface PeriodFieldsProps {
  period: LocalPeriod;
  timeZone: string;
  onChange: (period: LocalPeriod) => void;
}

/**
 * A period as a preset (today, last month…) or two dates; editing a date makes it custom.
 * A reversed pair is not applied, so the page never asks for an empty period.
 */
export function PeriodFields({ period, timeZone, onChange }: PeriodFieldsProps) {
  const { t } = useTranslation();
  const id = useId();

  function choose(preset: PeriodPreset) {
    const dates =
      preset === 'custom'
        ? { from: period.from, to: period.to }
        : presetDates(preset, new Date(), timeZone);
    onChange({ preset, ...dates });
  }

  function setDate(which: 'from' | 'to', value: string) {
    const next = { ...period, preset: 'custom' as const, [which]: value };
    if (value && next.from <= next.to) onChange(next);
  }

  return (
    <>
      <div className="filter-bar__field">
        <label htmlFor={`${id}-period`}>{t('stats.period.label')}</label>
        <select
          id={`${id}-period`}
          value={period.preset}
          onChange={(event) => choose(event.target.value as PeriodPreset)}
        >
          {periodPresets.map((preset) => (
            <option key={preset} value={preset}>
              {t(`stats.period.${preset}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-bar__field">
        <label htmlFor={`${id}-from`}>{t('stats.period.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={period.from}
          max={period.to}
          onChange={(event) => setDate('from', event.target.value)}
        />
      </div>
      <div className="filter-bar__field">
        <label htmlFor={`${id}-to`}>{t('stats.period.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={period.to}
          min={period.from}
          onChange={(event) => setDate('to', event.target.value)}
        />
      </div>
    </>
  );
}
