import { exportPurposeLength } from '@watchfloor/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportProgress } from '../exports/ExportProgress.tsx';
import { useStreamedDownload } from '../exports/streamedDownload.ts';

/**
 * Downloads every event the search finds as CSV. The purpose is asked for here and
 * written by the server into the export's own audit row.
 */
export function AuditExport({ filters }: { filters: Record<string, string> }) {
  const { t } = useTranslation();
  const id = useId();
  const [purpose, setPurpose] = useState('');
  const download = useStreamedDownload();
  const purposeOk = purpose.trim().length >= exportPurposeLength.min;
  const running = download.state.phase === 'running';

  return (
    <form
      className="panel"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!purposeOk) return;
        const params = new URLSearchParams({ ...filters, purpose: purpose.trim() });
        void download.start(`/api/audit/export?${params}`, { countLines: true });
      }}
    >
      <h2 id={`${id}-title`}>{t('audit.exportTitle')}</h2>
      <div className="inline-form">
        <label className="field field--wide" htmlFor={`${id}-purpose`}>
          <span className="field__label">{t('exports.purpose')}</span>
          <input
            id={`${id}-purpose`}
            required
            minLength={exportPurposeLength.min}
            maxLength={exportPurposeLength.max}
            value={purpose}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setPurpose(event.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={!purposeOk || running}>
          {t('audit.exportCsv')}
        </button>
        {running && (
          <button type="button" className="button" onClick={download.cancel}>
            {t('exports.cancel')}
          </button>
        )}
      </div>
      <p id={`${id}-hint`} className="page__note">
        {t('exports.purposeHint', exportPurposeLength)}
      </p>
      <ExportProgress state={download.state} expectedRows={undefined} />
    </form>
  );
}
