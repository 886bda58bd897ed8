import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { importMappingSchema, type ImportMapping } from './mapping.schema.ts';
import type { CsvRow } from './row-mapper.ts';

/**
 * Streams the rows of a CSV or CSV.gz file with their line numbers, in
 * constant memory (the parser pauses while the consumer is busy).
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
      info: true,
    }),
  );
  for await (const record of parser as AsyncIterable<{ record: CsvRow; info: { lines: number } }>) {
    yield { line: record.info.lines, row: record.record };
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
