import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { importMappingSchema, type ImportMapping } from './mapping.schema.ts';
import type { CsvRow } from './row-mapper.ts';

const lineBreak = /\r\n|\r|\n/g;
const leadingBreaks = /^(?:\r\n|\r|\n)*/;
const countBreaks = (text: string) => text.match(lineBreak)?.length ?? 0;

/**
 * Streams the rows of a CSV or CSV.gz file with the line each row starts on
 * (the header is line 1; quoted fields may span lines), in constant memory:
 * the parser pauses while the consumer is busy.
 */
export async function* readCsvRows(file: string): AsyncGenerator<{ line: number; row: CsvRow }> {
  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  const parser = stream.pipe(
    parse({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      raw: true,
    }),
  );
  // csv-parse's own line count drifts on CRLF inside quoted fields, so lines are
  // counted from each record's raw text (skipped blank lines come first in it).
  let nextLine = 2;
  for await (const record of parser as AsyncIterable<{ record: CsvRow; raw: string }>) {
    const line = nextLine + countBreaks(leadingBreaks.exec(record.raw)?.[0] ?? '');
    nextLine += countBreaks(record.raw);
    yield { line, row: record.record };
  }
}

/** Loads and validates a mapping file, listing every problem. */
export async function loadImportMapping(file: string): Promise<ImportMapping> {
  const parsed = importMappingSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`${file} is not a valid import mapping:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
