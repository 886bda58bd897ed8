/**
 * Historical import throughput: both Oakland files (66,383 rows, ../shared/data)
 * through `pnpm watchfloor import` into a fresh database, then the same files
 * again (every row a duplicate). Prints rows/s as the importer measures them
 * (first row read to last batch committed) and the command's wall time.
 *
 *   node bench/import.bench.ts                 # PostgreSQL (BENCH_DATABASE_URL or the test server)
 *   node bench/import.bench.ts --driver pglite # embedded PGlite in a temporary folder
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
}
// `pg` is the server's dependency; the benchmark borrows it rather than adding its own.
const { Client } = createRequire(new URL('../apps/server/package.json', import.meta.url))('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(repoRoot, '../shared/data/calls');
const files = [
  'oakland_calls_for_service_2024-01.csv',
  'oakland_calls_for_service_2024-02.csv',
].map((name) => path.join(dataDir, name));
const driver = process.argv.includes('--driver')
  ? process.argv[process.argv.indexOf('--driver') + 1]
  : 'postgres';

interface Summary {
  rowsRead: number;
  imported: number;
  duplicates: number;
  rejected: number;
  events: number;
  seconds: number;
  rowsPerSecond: number;
}

async function importOnce(env: Record<string, string>): Promise<Summary & { wallSeconds: number }> {
  const started = performance.now();
  const args = [
    path.join(repoRoot, 'apps/server/src/cli/main.ts'),
    'import',
    '--json',
    '--mapping',
    path.join(repoRoot, 'config/agencies/oakland.json'),
    ...files,
  ];
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'silent',
      AGENCY_CONFIG: path.join(repoRoot, 'config/agencies/oakland.agency.json'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`watchfloor import exited with ${code}`);
  return {
    ...(JSON.parse(stdout) as Summary),
    wallSeconds: (performance.now() - started) / 1000,
  };
}

/** A database (or folder) of its own, removed afterwards whatever happens. */
async function withFreshTarget(work: (env: Record<string, string>) => Promise<void>) {
  if (driver === 'pglite') {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'watchfloor-import-bench-'));
    try {
      await work({ DATA_DIR: folder });
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
    return;
  }
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const name = `watchfloor_import_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await work({ DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const report = (label: string, result: Summary & { wallSeconds: number }) =>
  console.log(
    `${label.padEnd(22)} ${String(result.rowsRead).padStart(6)} rows  ` +
      `imported ${String(result.imported).padStart(6)}  duplicates ${String(result.duplicates).padStart(6)}  ` +
      `${result.seconds.toFixed(2)} s  ${Math.round(result.rowsPerSecond)} rows/s  ` +
      `(command ${result.wallSeconds.toFixed(2)} s with start-up and migrations)`,
  );

await withFreshTarget(async (env) => {
  console.log(`Oakland import on ${driver}, ${os.cpus().length} CPU(s)`);
  report('first import', await importOnce(env));
  report('same files again', await importOnce(env));
});
