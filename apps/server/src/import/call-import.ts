import type { Database } from '../db/client.ts';
import type { AgencyDirectory } from '../modules/agency/agency-directory.ts';
import { planCall, type PlannedCall } from './call-plan.ts';
import { writeCallBatch } from './call-writer.ts';
import { createWriteQueue } from './write-queue.ts';
import { readCsvRows } from './csv-source.ts';
import type { ImportMapping } from './mapping.schema.ts';
import { mapRow, type CsvRow } from './row-mapper.ts';

/** One problem of a rejected row: where (file, line, column) and why. */
export interface RejectedRow {
  file: string;
  /** Line the row starts on; the header is line 1. */
  line: number;
  column: string;
  reason: string;
}

export interface ImportSummary {
  source: string;
  files: string[];
  rowsRead: number;
  /** Calls added by this run. */
  imported: number;
  /** Rows whose call was already stored (an earlier import, or earlier in these files). */
  duplicates: number;
  rejected: number;
  events: number;
  /** Call-type codes absent from the agency configuration; their calls are kept. */
  unknownCallTypes: string[];
  seconds: number;
  rowsPerSecond: number;
}

export interface ImportOptions {
  db: Database;
  directory: AgencyDirectory;
  mapping: ImportMapping;
  files: string[];
  /** The events' actor, e.g. `import:<user>`. */
  actor: string;
  /** Rows per statement (and transaction). */
  batchSize?: number;
  /** Batches written at once; while they run, the next one is parsed. */
  writers?: number;
  onRejected: (rejection: RejectedRow) => void;
  onProgress?: (summary: ImportSummary) => void;
}

const defaultBatchSize = 2000;
// Two: the database works on two batches while Node parses the next one.
const defaultWriters = 2;

/**
 * Streams CSV files into `calls` and `call_events`, a batch per statement.
 * At most `writers` batches are written while the next is parsed: memory stays
 * bounded whatever the file size.
 */
export async function importCallFiles(options: ImportOptions): Promise<ImportSummary> {
  const { db, directory, mapping } = options;
  const batchSize = options.batchSize ?? defaultBatchSize;
  const started = performance.now();
  const unknownCallTypes = new Set<string>();
  const summary: ImportSummary = {
    source: mapping.source,
    files: options.files,
    rowsRead: 0,
    imported: 0,
    duplicates: 0,
    rejected: 0,
    events: 0,
    unknownCallTypes: [],
    seconds: 0,
    rowsPerSecond: 0,
  };
  const finish = () => {
    summary.seconds = (performance.now() - started) / 1000;
    summary.rowsPerSecond = summary.seconds > 0 ? summary.rowsRead / summary.seconds : 0;
    summary.unknownCallTypes = [...unknownCallTypes].sort();
    return summary;
  };

  let batch: PlannedCall[] = [];
  let batchIds = new Set<string>();
  const writes = createWriteQueue(options.writers ?? defaultWriters);
  const flush = async () => {
    const calls = batch;
    batch = [];
    batchIds = new Set();
    if (calls.length === 0) return;
    await writes.submit(async () => {
      const written = await writeCallBatch(db, mapping.source, options.actor, calls);
      summary.imported += written.calls;
      summary.events += written.events;
      summary.duplicates += calls.length - written.calls;
      options.onProgress?.(finish());
    });
  };

  const take = async (file: string, line: number, row: CsvRow) => {
    summary.rowsRead += 1;
    const mapped = mapRow(row, mapping);
    const planned = mapped.ok ? planCall(mapped.call, mapping, directory) : mapped;
    if (!planned.ok) {
      summary.rejected += 1;
      for (const issue of planned.issues)
        options.onRejected({ file, line, column: issue.path, reason: issue.message });
      return;
    }
    if (batchIds.has(planned.call.sourceId)) {
      // The same call twice in one batch: the first row wins (across batches, the one stored first).
      summary.duplicates += 1;
      return;
    }
    if (!planned.call.knownCallType) unknownCallTypes.add(planned.call.callType);
    batch.push(planned.call);
    batchIds.add(planned.call.sourceId);
    if (batch.length >= batchSize) await flush();
  };

  for (const file of options.files) {
    try {
      for await (const { line, row } of readCsvRows(file)) await take(file, line, row);
    } catch (error) {
      // Let the batches in flight finish before the caller closes the database.
      await writes.settle();
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
  }
  await flush();
  await writes.drain();
  return finish();
}
