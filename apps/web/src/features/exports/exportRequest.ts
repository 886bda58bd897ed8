import type { CallExportFormat, IntervalMetric, StatsDimension } from '@watchfloor/contracts';
import { periodInstants, type LocalPeriod } from '../stats/statsPeriod.ts';

export type ExportKind = 'calls' | 'stats';

/** Everything the export form holds. */
export interface ExportForm {
  kind: ExportKind;
  period: LocalPeriod;
  district: string | null;
  priority: number | null;
  callType: string | null;
  format: CallExportFormat;
  metric: IntervalMetric;
  groupBy: StatsDimension | null;
  bom: boolean;
  purpose: string;
}

/** The filters both the export and its row estimate take. */
export function filterParams(form: ExportForm, timeZone: string): URLSearchParams {
  const params = new URLSearchParams(periodInstants(form.period, timeZone));
  if (form.district !== null) params.set('district', form.district);
  if (form.priority !== null) params.set('priority', String(form.priority));
  if (form.callType !== null) params.set('callType', form.callType);
  return params;
}

/** The download URL of the export the form describes. */
export function exportUrl(form: ExportForm, timeZone: string): string {
  const params = filterParams(form, timeZone);
  // Statistics come as CSV or XLSX only.
  const format = form.kind === 'stats' && form.format !== 'xlsx' ? 'csv' : form.format;
  params.set('format', format);
  params.set('purpose', form.purpose.trim());
  if (format === 'csv' && form.bom) params.set('bom', 'true');
  if (form.kind === 'stats') {
    params.set('metric', form.metric);
    if (form.groupBy !== null) params.set('groupBy', form.groupBy);
  }
  return `/api/exports/${form.kind}?${params}`;
}

/** Formats whose rows are lines, so progress can count them (CSV has a header line). */
export function countsLines(form: ExportForm): boolean {
  return form.format === 'csv' || form.format === 'ndjson';
}
