import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRows } from './csv-source.ts';

// Line 1 header; "b" spans lines 3–5; line 6 is blank; the last row has no final newline.
const rows = ['id,text', '1,one', '2,"two', 'lines', 'three"', '', '3,after blank', '4,"x"'];

describe('readCsvRows', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'watchfloor-csv-'));
  });
  afterAll(() => fs.rm(folder, { recursive: true, force: true }));

  const lines = async (file: string) => {
    const found: [number, string][] = [];
    for await (const { line, row } of readCsvRows(file)) found.push([line, row.id!]);
    return found;
  };

  for (const [ending, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const)
    it(`gives the line each row starts on (${ending}, plain and gzipped)`, async () => {
      const text = rows.join(eol);
      await fs.writeFile(path.join(folder, 'rows.csv'), text);
      await fs.writeFile(path.join(folder, 'rows.csv.gz'), gzipSync(text));
      const expected = [
        [2, '1'],
        [3, '2'],
        [7, '3'],
        [8, '4'],
      ];
      expect(await lines(path.join(folder, 'rows.csv'))).toEqual(expected);
      expect(await lines(path.join(folder, 'rows.csv.gz'))).toEqual(expected);
    });
});
