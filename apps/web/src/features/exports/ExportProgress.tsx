import { useTranslation } from 'react-i18next';
import type { DownloadState } from './streamedDownload.ts';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Rows and bytes received so far; a bar against the estimate when rows can be counted
 * (CSV and NDJSON are a line per row; the CSV header is not a row).
 */
export function ExportProgress({
  state,
  expectedRows,
}: {
  state: DownloadState;
  expectedRows: number | undefined;
}) {
  const { t } = useTranslation();
  if (state.phase === 'idle') return null;
  const rows = state.lines === null ? null : Math.max(0, state.lines - 1);
  const known = rows !== null && expectedRows !== undefined && expectedRows > 0;
  return (
    <div className="export-progress" role="status">
      {known ? (
        <progress max={expectedRows} value={Math.min(rows, expectedRows)}>
          {rows}
        </progress>
      ) : state.phase === 'running' ? (
        <progress />
      ) : null}
      <p>
        {t(`exports.phase.${state.phase}`)} ·{' '}
        {rows === null
          ? formatBytes(state.bytes)
          : t('exports.progress', { rows, bytes: formatBytes(state.bytes) })}
        {state.filename && state.phase === 'done' && ` · ${state.filename}`}
      </p>
      {state.error && (
        <p className="export-progress__error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
