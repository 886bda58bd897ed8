import {
  callExportEstimateSchema,
  callExportFormats,
  exportPurposeLength,
  statsDimensions,
  type AgencyConfig,
} from '@watchfloor/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHttpClient } from '../../lib/httpContext.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { DistrictSelect } from '../../ui/DistrictSelect.tsx';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useAgency } from '../agency/useAgency.ts';
import { useAppAbility } from '../auth/ability.ts';
import { CallTypeField, MetricField, PriorityField } from '../agency/AgencySelects.tsx';
import { PeriodFields } from '../stats/PeriodFields.tsx';
import { presetDates } from '../stats/statsPeriod.ts';
import { countsLines, exportUrl, filterParams, type ExportForm } from './exportRequest.ts';
import { ExportProgress } from './ExportProgress.tsx';
import { useStreamedDownload } from './streamedDownload.ts';
import './exports.css';

export function ExportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('exports.title'));
  const agency = useAgency();
  return (
    <div className="page page--narrow exports-page">
      <h1>{t('exports.title')}</h1>
      <p className="page__note">{t('exports.intro')}</p>
      {agency.isPending ? (
        <LoadingState />
      ) : agency.isError ? (
        <ErrorState error={agency.error} onRetry={() => void agency.refetch()} />
      ) : (
        <ExportFormView agency={agency.data} />
      )}
    </div>
  );
}

function useEstimate(form: ExportForm, timeZone: string) {
  const http = useHttpClient();
  const search = filterParams(form, timeZone).toString();
  return useQuery({
    queryKey: ['exports', 'estimate', search],
    queryFn: ({ signal }) =>
      http.get(`/api/exports/calls/estimate?${search}`, callExportEstimateSchema, { signal }),
    enabled: form.kind === 'calls',
  });
}

function ExportFormView({ agency }: { agency: AgencyConfig }) {
  const { t } = useTranslation();
  const id = useId();
  const ability = useAppAbility();
  const canExportCalls = ability.can('export', 'Call');
  const [form, setForm] = useState<ExportForm>(() => ({
    kind: canExportCalls ? 'calls' : 'stats',
    period: { preset: 'lastMonth', ...presetDates('lastMonth', new Date(), agency.timeZone) },
    district: null,
    priority: null,
    callType: null,
    format: 'xlsx',
    metric: 'response',
    groupBy: 'priority',
    bom: true,
    purpose: '',
  }));
  const update = (change: Partial<ExportForm>) => setForm((current) => ({ ...current, ...change }));
  const estimate = useEstimate(form, agency.timeZone);
  const download = useStreamedDownload();
  const running = download.state.phase === 'running';
  const purposeOk = form.purpose.trim().length >= exportPurposeLength.min;
  const formats = form.kind === 'calls' ? callExportFormats : (['csv', 'xlsx'] as const);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!purposeOk) return;
    void download.start(exportUrl(form, agency.timeZone), { countLines: countsLines(form) });
  }

  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="exports-form" onSubmit={submit} aria-describedby={field('tz')}>
      <fieldset className="filter-bar__group">
        <legend>{t('exports.kind')}</legend>
        {canExportCalls && (
          <label className="filter-chip">
            <input
              type="radio"
              name={field('kind')}
              checked={form.kind === 'calls'}
              onChange={() => update({ kind: 'calls' })}
            />
            {t('exports.calls')}
          </label>
        )}
        <label className="filter-chip">
          <input
            type="radio"
            name={field('kind')}
            checked={form.kind === 'stats'}
            onChange={() =>
              update({ kind: 'stats', format: form.format === 'xlsx' ? 'xlsx' : 'csv' })
            }
          />
          {t('exports.stats')}
        </label>
      </fieldset>
      <div className="filter-bar">
        <PeriodFields
          period={form.period}
          timeZone={agency.timeZone}
          onChange={(period) => update({ period })}
        />
      </div>
      <div className="filter-bar">
        <div className="filter-bar__field">
          <label htmlFor={field('district')}>{t('filters.district')}</label>
          <DistrictSelect
            id={field('district')}
            value={form.district}
            districts={agency.districts.features.map((feature) => feature.properties)}
            allLabel={t('filters.allDistricts')}
            onChange={(district) => update({ district })}
          />
        </div>
        <PriorityField
          id={field('priority')}
          label={t('filters.priority')}
          priorities={agency.priorities}
          value={form.priority}
          onChange={(priority) => update({ priority })}
        />
        <CallTypeField
          id={field('type')}
          label={t('filters.type')}
          callTypes={agency.callTypes}
          value={form.callType}
          onChange={(callType) => update({ callType })}
        />
      </div>
      {form.kind === 'stats' && (
        <div className="filter-bar">
          <MetricField
            id={field('metric')}
            value={form.metric}
            onChange={(metric) => update({ metric })}
          />
          <div className="filter-bar__field">
            <label htmlFor={field('group')}>{t('exports.groupBy')}</label>
            <select
              id={field('group')}
              value={form.groupBy ?? ''}
              onChange={(event) =>
                update({ groupBy: (event.target.value || null) as ExportForm['groupBy'] })
              }
            >
              <option value="">{t('exports.noGrouping')}</option>
              {statsDimensions.map((dimension) => (
                <option key={dimension} value={dimension}>
                  {t(`stats.dimension.${dimension}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <div className="filter-bar">
        <div className="filter-bar__field">
          <label htmlFor={field('format')}>{t('exports.format')}</label>
          <select
            id={field('format')}
            value={form.format}
            onChange={(event) => update({ format: event.target.value as ExportForm['format'] })}
          >
            {formats.map((format) => (
              <option key={format} value={format}>
                {t(`exports.formats.${format}`)}
              </option>
            ))}
          </select>
        </div>
        {form.format === 'csv' && (
          <label className="filter-chip">
            <input
              type="checkbox"
              checked={form.bom}
              onChange={(event) => update({ bom: event.target.checked })}
            />
            {t('exports.bom')}
          </label>
        )}
      </div>
      <div className="filter-bar__field exports-form__purpose">
        <label htmlFor={field('purpose')}>{t('exports.purpose')}</label>
        <textarea
          id={field('purpose')}
          required
          rows={2}
          minLength={exportPurposeLength.min}
          maxLength={exportPurposeLength.max}
          value={form.purpose}
          aria-describedby={field('purpose-hint')}
          onChange={(event) => update({ purpose: event.target.value })}
        />
        <p id={field('purpose-hint')} className="page__note">
          {t('exports.purposeHint', exportPurposeLength)}
        </p>
      </div>
      <p id={field('tz')} className="page__note">
        {t('exports.timeZone', { timeZone: agency.timeZone })}
      </p>
      {form.kind === 'calls' && (
        <p className="exports-form__estimate" aria-live="polite">
          {estimate.isPending
            ? t('exports.estimating')
            : estimate.isError
              ? t('exports.noEstimate')
              : t(estimate.data.exact ? 'exports.estimate' : 'exports.estimateAtLeast', {
                  count: estimate.data.rows,
                })}
        </p>
      )}
      <div className="page__footer">
        <button type="submit" className="button" disabled={!purposeOk || running}>
          {t('exports.start')}
        </button>
        {running && (
          <button type="button" className="button button--quiet" onClick={download.cancel}>
            {t('exports.cancel')}
          </button>
        )}
      </div>
      <ExportProgress
        state={download.state}
        expectedRows={form.kind === 'calls' ? estimate.data?.rows : undefined}
      />
    </form>
  );
}
