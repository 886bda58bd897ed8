import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { columnKind, neutralised, type ExportCallField } from './exports.columns.ts';
import { callToEido } from './exports.eido.ts';
import type { CallExportFormat } from '@watchfloor/contracts';
import type { ExportRow } from './exports.repo.ts';

/** Rows handed to the response so far: what the audit event records. */
export interface ExportProgress {
  rows: number;
}

/** What a file says about itself besides its rows (the XLSX "About" sheet, EIDO ids). */
export interface ExportContext {
  agencyId: string;
  agencyName: string;
  timeZone: string;
  exportedAt: string;
  /** Label/value pairs describing the export: period, filters, purpose. */
  about: [string, string][];
}

export type ChunkSource = AsyncGenerator<string | Buffer>;

/** A CSV field as PostgreSQL's COPY writes it, so both drivers give the same bytes. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value === '' || /[",\n\r]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

export const csvLine = (values: readonly (string | null | undefined)[]) =>
  `${values.map(csvField).join(',')}\n`;

/** CSV from rows of neutralised text cells (PGlite: COPY is not streamed there). */
export async function* csvFromCells(
  fields: readonly string[],
  batches: AsyncIterable<ExportRow[]>,
  progress: ExportProgress,
): ChunkSource {
  yield csvLine(fields);
  for await (const batch of batches) {
    yield batch.map((row) => csvLine(fields.map((field) => row[field] as string | null))).join('');
    progress.rows += batch.length;
  }
}

/** The typed values a JSON record carries, in column order. */
const jsonRecord = (fields: readonly string[], row: ExportRow) =>
  Object.fromEntries(fields.map((field) => [field, row[field] ?? null]));

export async function* ndjson(
  fields: readonly string[],
  batches: AsyncIterable<ExportRow[]>,
  progress: ExportProgress,
): ChunkSource {
  for await (const batch of batches) {
    yield batch.map((row) => `${JSON.stringify(jsonRecord(fields, row))}\n`).join('');
    progress.rows += batch.length;
  }
}

/** A FeatureCollection written feature by feature; calls without a location have no geometry. */
export async function* geojson(
  fields: readonly string[],
  batches: AsyncIterable<ExportRow[]>,
  progress: ExportProgress,
): ChunkSource {
  const properties = fields.filter((field) => field !== 'lat' && field !== 'lon');
  yield '{"type":"FeatureCollection","features":[';
  let separator = '';
  for await (const batch of batches) {
    const features = batch.map((row) => {
      const geometry =
        typeof row.lat === 'number' && typeof row.lon === 'number'
          ? { type: 'Point', coordinates: [row.lon, row.lat] }
          : null;
      return JSON.stringify({
        type: 'Feature',
        id: row.id ?? row.incidentNumber,
        geometry,
        properties: jsonRecord(properties, row),
      });
    });
    yield separator + features.join(',');
    separator = ',';
    progress.rows += batch.length;
  }
  yield ']}';
}

/** A JSON array of EIDO documents, one element at a time. */
export async function* eido(
  fields: readonly string[],
  batches: AsyncIterable<ExportRow[]>,
  progress: ExportProgress,
  context: ExportContext,
): ChunkSource {
  yield '[';
  let separator = '';
  for await (const batch of batches) {
    const documents = batch.map((row) =>
      JSON.stringify(callToEido(jsonRecord(fields, row), context)),
    );
    yield separator + documents.join(',');
    separator = ',';
    progress.rows += batch.length;
  }
  yield ']';
}

type XlsxValue = string | number | boolean | null;

/** A call value as an XLSX cell: numbers stay numbers, text is neutralised, lists joined. */
function xlsxCell(field: ExportCallField, value: unknown): XlsxValue {
  if (value === null || value === undefined) return null;
  switch (columnKind(field)) {
    case 'number':
    case 'boolean':
      return value as number | boolean;
    case 'units':
      return neutralised((value as string[]).join(' '));
    case 'notes':
      return neutralised(
        (value as { at: string; author: string | null; text: string | null }[])
          .map((note) => `${note.at} ${note.author ?? ''}: ${note.text ?? ''}`)
          .join('\n'),
      );
    default:
      return neutralised(typeof value === 'string' ? value : JSON.stringify(value));
  }
}

/**
 * A workbook through ExcelJS's streaming writer: each row is committed (written
 * to the zip) as it comes, the zip's bytes are passed on after every batch,
 * and the next batch is read only when the response asks for more.
 */
export async function* xlsxWorkbook(
  sheets: {
    name: string;
    header: readonly string[];
    rows: AsyncIterable<XlsxValue[][]>;
  },
  progress: ExportProgress,
  context: ExportContext,
): ChunkSource {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: false,
    useSharedStrings: false,
  });
  workbook.creator = `Watchfloor (${context.agencyName})`;
  const sheet = workbook.addWorksheet(sheets.name);
  sheet.addRow([...sheets.header]).commit();
  for await (const rows of sheets.rows) {
    for (const row of rows) sheet.addRow(row).commit();
    progress.rows += rows.length;
    // Lets the zip's deflate run, so what this batch produced can leave now.
    await nextTurn();
    if (chunks.length > 0) yield Buffer.concat(chunks.splice(0));
  }
  sheet.commit();
  const about = workbook.addWorksheet('About');
  const rows: [string, string][] = [...context.about, ['Rows', String(progress.rows)]];
  for (const [label, value] of rows) about.addRow([label, neutralised(value)]).commit();
  about.commit();
  await workbook.commit();
  if (chunks.length > 0) yield Buffer.concat(chunks.splice(0));
}

/** Call rows as XLSX cell rows. */
export async function* xlsxCallRows(
  fields: readonly ExportCallField[],
  batches: AsyncIterable<ExportRow[]>,
): AsyncGenerator<XlsxValue[][]> {
  for await (const batch of batches)
    yield batch.map((row) => fields.map((field) => xlsxCell(field, row[field])));
}

/** A call file in any format but COPY's CSV, from keyset pages of typed records. */
export function callFile(
  format: Exclude<CallExportFormat, 'csv'>,
  fields: readonly ExportCallField[],
  records: () => AsyncIterable<ExportRow[]>,
  progress: ExportProgress,
  context: ExportContext,
): ChunkSource {
  switch (format) {
    case 'ndjson':
      return ndjson(fields, records(), progress);
    case 'geojson':
      return geojson(fields, records(), progress);
    case 'eido':
      return eido(fields, records(), progress, context);
    case 'xlsx':
      return xlsxWorkbook(
        { name: 'Calls', header: fields, rows: xlsxCallRows(fields, records()) },
        progress,
        context,
      );
  }
}
