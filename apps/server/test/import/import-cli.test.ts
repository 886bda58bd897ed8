import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAgency } from '../support/agency-fixture.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { sfCsv, sfMapping, sfRows } from './sf-style-export.ts';

const cliMain = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cliMain, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// One driver is enough for the command's own behaviour; the import itself runs on both elsewhere.
const driver = testDrivers().includes('postgres') ? 'postgres' : 'pglite';

describe(`pnpm watchfloor import (${driver})`, { timeout: 120_000 }, () => {
  let folder: string;
  let env: Record<string, string>;
  let close = async () => {};
  const files = { csv: '', mapping: '' };

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'watchfloor-import-cli-'));
    files.csv = path.join(folder, 'calls.csv');
    files.mapping = path.join(folder, 'sf.mapping.json');
    const agencyFile = path.join(folder, 'agency.json');
    await fs.writeFile(files.csv, sfCsv(sfRows));
    await fs.writeFile(files.mapping, JSON.stringify(sfMapping));
    await fs.writeFile(agencyFile, JSON.stringify(testAgency));
    env = { AGENCY_CONFIG: agencyFile, DATA_DIR: path.join(folder, 'data') };
    if (driver === 'postgres') {
      const database = await openTestDatabase('postgres');
      env.DATABASE_URL = database.url!;
      close = () => database.close();
    }
  });
  afterAll(async () => {
    await close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('prints each rejected row as file:line, column, reason and a summary', async () => {
    const result = await runCli(['import', '--mapping', files.mapping, files.csv], env);
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${files.csv}:6, received_datetime, empty time`,
      `${files.csv}:7, latitude, unreadable coordinates`,
      `${files.csv}:8, call_status, unmapped status "ZZ"`,
      `${files.csv}:9, dispatch_datetime, unreadable time "2024-13-45 99:00:00"`,
    ]);
    expect(result.stdout).toMatch(/import sf-test: 1 file\(s\), 10 rows read/);
    expect(result.stdout).toMatch(/imported {3}5 calls \(11 events\)/);
    expect(result.stdout).toMatch(/rejected {3}4 rows/);
    expect(result.stdout).toMatch(/not in the agency configuration: 1 \(ZZZ\)/);
  });

  it('says so when a second run finds every row already imported', async () => {
    const result = await runCli(['import', '--json', '--mapping', files.mapping, files.csv], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 0, duplicates: 6, rejected: 4 });
    const text = await runCli(['import', '--mapping', files.mapping, files.csv], env);
    expect(text.stdout).toMatch(/duplicates 6 \(all rows were already imported\)/);
  });

  it('explains a mapping file that is not valid', async () => {
    await fs.writeFile(path.join(folder, 'bad.json'), JSON.stringify({ name: 'x' }));
    const result = await runCli(
      ['import', '--mapping', path.join(folder, 'bad.json'), files.csv],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not a valid import mapping/);
    expect(result.stderr).toMatch(/source/);
  });
});
