import { Transform, type TransformCallback } from 'node:stream';
import { formatInTimeZone } from 'date-fns-tz';
import type { CallExportFormat } from '@watchfloor/contracts';
import type { ExportProgress } from './exports.formats.ts';

export const contentTypes: Record<CallExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  eido: 'application/json; charset=utf-8',
};

const extensions: Record<CallExportFormat, string> = {
  csv: 'csv',
  xlsx: 'xlsx',
  geojson: 'geojson',
  ndjson: 'ndjson',
  eido: 'eido.json',
};

/**
 * `<agency>_<calls|stats>_<from>_to_<to>_exported-<local time with offset>_tz-<zone>.<ext>`:
 * the agency, the period (local dates; `to` exclusive), when it was made and
 * the time zone its instants are in, e.g.
 * `oakland_calls_2024-01-01_to_2024-02-01_exported-20240203T101500-0800_tz-America-Los_Angeles.csv`.
 */
export function exportFileName(parts: {
  agencyId: string;
  kind: 'calls' | 'stats';
  from: string;
  to: string;
  exportedAt: Date;
  timeZone: string;
  format: CallExportFormat;
}): string {
  const local = (instant: string) =>
    formatInTimeZone(new Date(instant), parts.timeZone, 'yyyy-MM-dd');
  const stamp = formatInTimeZone(parts.exportedAt, parts.timeZone, "yyyyMMdd'T'HHmmssxx");
  const zone = parts.timeZone.replace(/[^A-Za-z0-9_+-]/g, '-');
  return `${parts.agencyId}_${parts.kind}_${local(parts.from)}_to_${local(parts.to)}_exported-${stamp}_tz-${zone}.${extensions[parts.format]}`;
}

/** `attachment` with an ASCII fallback and the RFC 8187 `filename*=UTF-8''…` form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const quote = 0x22;
const newline = 0x0a;

/**
 * Passes COPY's CSV (without header) through unchanged while counting its
 * records (newlines outside quotes) — the rows actually handed on, for the
 * audit event, also when the export is cancelled. `indexOf` keeps it cheap.
 * `prefix` (BOM and header line) leaves at once, before PostgreSQL's first row.
 */
export class CsvRecordCounter extends Transform {
  private inQuotes = false;
  private readonly progress: ExportProgress;

  constructor(progress: ExportProgress, prefix: string) {
    super();
    this.progress = progress;
    this.push(prefix);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    let position = 0;
    while (position < chunk.length) {
      if (this.inQuotes) {
        const close = chunk.indexOf(quote, position);
        if (close === -1) break;
        this.inQuotes = false;
        position = close + 1;
        continue;
      }
      const nextQuote = chunk.indexOf(quote, position);
      const nextLine = chunk.indexOf(newline, position);
      if (nextLine !== -1 && (nextQuote === -1 || nextLine < nextQuote)) {
        this.progress.rows += 1;
        position = nextLine + 1;
      } else if (nextQuote !== -1) {
        this.inQuotes = true;
        position = nextQuote + 1;
      } else break;
    }
    callback(null, chunk);
  }
}
