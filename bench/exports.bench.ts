/**
 * Call export throughput and server memory: 1,000,000 closed calls (each with
 * one assigned unit) in a fresh PostgreSQL database, exported by an analyst
 * through the real server (`apps/server/src/main.ts`) over HTTP. For each
 * format: rows/s, time to first byte, bytes, and the server's peak RSS
 * (sampled from /proc every 20 ms while the export runs). The baseline is
 * `COPY (SELECT <the same columns, unformatted> … ORDER BY received_at, id)
 * TO STDOUT WITH CSV` of the same rows, timed in the same run through
 * `pg-copy-streams` with nothing else happening.
 *
 *   node bench/exports.bench.ts                      # csv and ndjson, 1,000,000 rows
 *   node bench/exports.bench.ts --rows 200000 --formats csv,ndjson,geojson,eido,xlsx
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

interface PgClient {
  connect(): Promise<void>;
  query(text: string | object): unknown;
  end(): Promise<void>;
}
// The server's dependencies; the benchmark borrows them rather than adding its own.
const serverRequire = createRequire(new URL('../apps/server/package.json', import.meta.url));
const { Client } = serverRequire('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};
const { to: copyTo } = serverRequire('pg-copy-streams') as {
  to: (text: string) => NodeJS.ReadableStream & object;
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name: string, fallback: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback;
const rows = Number(option('--rows', '1000000'));
const formats = option('--formats', 'csv,ndjson').split(',');
const port = Number(option('--port', '8297'));
const password = 'bench analyst password 12345';
const purpose = 'Benchmark of the streaming call export';
const period = { from: '2025-01-01T00:00:00Z', to: '2025-12-31T00:00:00Z' };

const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const name = `watchfloor_export_bench_${randomBytes(4).toString('hex')}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const env = {
  PATH: process.env.PATH ?? '',
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  DEMO: 'false',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
  AGENCY_CONFIG: path.join(repoRoot, 'config/agencies/demo.json'),
  PORT: String(port),
};

function run(args: string[], input?: string): Promise<void> {
  const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin.end(input ?? '');
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))),
  );
}

async function seed(client: PgClient) {
  await client.query(`insert into units (call_sign, home_district)
    select 'B' || n, '1' from generate_series(1, 200) as n`);
  await client.query(`insert into calls (incident_number, source, call_type, call_type_description,
      priority, original_priority, lat, lon, address, beat, district, status, received_at,
      dispatched_at, enroute_at, onscene_at, closed_at, disposition, caller_name, caller_phone, narrative)
    select 'B-' || n, 'bench', 'DIST', 'Disturbance, loud party', 1 + n % 5, 1 + n % 5,
      37.8 + (n % 1000) / 100000.0, -122.27 - (n % 1000) / 100000.0,
      (n % 9000) || ' Broadway', '1A', '1', 'closed',
      timestamptz '2025-01-02' + n * interval '25 seconds',
      timestamptz '2025-01-02' + n * interval '25 seconds' + interval '90 seconds',
      timestamptz '2025-01-02' + n * interval '25 seconds' + interval '120 seconds',
      timestamptz '2025-01-02' + n * interval '25 seconds' + interval '600 seconds',
      timestamptz '2025-01-02' + n * interval '25 seconds' + interval '3600 seconds',
      'RPT', 'Caller ' || n, '555-0' || n, 'Narrative of call ' || n
    from generate_series(1, ${rows}) as n`);
  await client.query(`insert into call_assignments (call_id, unit_id, assigned_at)
    select c.id, u.id, c.dispatched_at from calls c
    join units u on u.call_sign = 'B' || (1 + abs(hashtext(c.id::text)) % 200)`);
  await client.query('analyze');
}

/** Peak resident set of a process, sampled while `work` runs. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = 0;
  const sample = () => {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb * 1024);
  };
  sample();
  const timer = setInterval(sample, 20);
  try {
    const result = await work();
    sample();
    return [result, peak];
  } finally {
    clearInterval(timer);
  }
}

/** Downloads an export; `onFirstByte` runs once, while the export is still going. */
async function timedDownload(url: string, cookie: string, onFirstByte: () => Promise<void>) {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  let firstByte = 0;
  let firstRow = 0;
  let bytes = 0;
  let pending: Promise<void> | undefined;
  for await (const chunk of response.body) {
    if (bytes === 0) {
      firstByte = performance.now() - started;
      pending = onFirstByte();
    }
    bytes += (chunk as Uint8Array).length;
    // A CSV header is ~250 bytes; past 1 kB the rows have started.
    if (firstRow === 0 && bytes > 1024) firstRow = performance.now() - started;
  }
  await pending;
  return {
    seconds: (performance.now() - started) / 1000,
    firstByteMs: firstByte,
    firstRowMs: firstRow,
    bytes,
  };
}

const serverModule = (file: string) =>
  import(new URL(`../apps/server/src/${file}`, import.meta.url).href) as Promise<
    Record<string, (...args: unknown[]) => unknown>
  >;

/** The export's own COPY statement for an analyst, built by the server's code. */
async function analystCopyStatement(): Promise<string> {
  const { defineAbilityFor } = (await import(
    new URL('../packages/authz/src/index.ts', import.meta.url).href
  )) as Record<string, (...args: unknown[]) => unknown>;
  const ability = defineAbilityFor!({ id: 'bench', role: 'analyst', districts: [] });
  const { callsCovered } = await serverModule('modules/exports/exports.service.ts');
  const { exportColumnsFor } = await serverModule('modules/exports/exports.columns.ts');
  const { copyStatement } = await serverModule('modules/exports/exports.repo.ts');
  return copyStatement!({
    where: callsCovered!(ability, { ...period }),
    fields: exportColumnsFor!(ability),
    timeZone: 'America/Los_Angeles',
  }) as string;
}

const rawCopy = `copy (select id, incident_number, source, source_id, call_type, call_type_description,
  priority, original_priority, officer_initiated, lat, lon, address, beat, district, status,
  received_at, dispatched_at, enroute_at, onscene_at, closed_at, disposition from calls
  where status in ('closed', 'cancelled') and received_at >= '${period.from}' and received_at < '${period.to}'
  order by received_at, id) to stdout with csv header`;

/** Seconds for a COPY straight to a discarding sink, in the agency's time zone, JIT off like the export. */
async function baselineCopy(copy: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  (client as unknown as NodeJS.EventEmitter).on('error', () => undefined);
  await client.connect();
  await client.query("set timezone = 'America/Los_Angeles'");
  await client.query('set jit = off');
  const started = performance.now();
  const stream = client.query(copyTo(copy)) as NodeJS.ReadableStream;
  await pipeline(stream, new Writable({ write: (_chunk, _encoding, done) => done() }));
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return seconds;
}

async function waitForServer(base: string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not become ready');
}

const admin = new Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name}`);
let server: ChildProcess | undefined;
try {
  const cli = path.join(repoRoot, 'apps/server/src/cli/main.ts');
  await run(
    [cli, 'users:create', '--username', 'bench-analyst', '--role', 'analyst'],
    `${password}\n`,
  );
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  await seed(client);
  await client.end();
  console.log(`seeded ${rows} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  server = spawn(process.execPath, [path.join(repoRoot, 'apps/server/src/main.ts')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(base);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-analyst', password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((each) => each.split(';')[0])
    .join('; ');
  const query = new URLSearchParams({ ...period, purpose });
  const estimate = (await (
    await fetch(`${base}/api/exports/calls/estimate?${query.toString()}`, { headers: { cookie } })
  ).json()) as { rows: number };
  console.log(
    `${os.cpus().length} CPU(s), load ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `export of ${estimate.rows} rows as an analyst; idle server RSS ` +
      `${(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]) / 1024).toFixed(0)} MB`,
  );

  const rawSeconds = Math.min(await baselineCopy(rawCopy), await baselineCopy(rawCopy));
  console.log(
    `baseline COPY of the raw columns (unformatted, best of 2): ${rawSeconds.toFixed(2)} s, ` +
      `${Math.round(estimate.rows / rawSeconds)} rows/s`,
  );
  let exportCopy: string | undefined;
  for (const format of formats) {
    const url = `${base}/api/exports/calls?${query.toString()}&format=${format}`;
    const [result, peak] = await peakRss(server.pid!, () =>
      timedDownload(url, cookie, async () => {
        if (format === 'csv') exportCopy = await analystCopyStatement();
      }),
    );
    const rate = estimate.rows / result.seconds;
    console.log(
      `${format.padEnd(8)} ${result.seconds.toFixed(2)} s  ${Math.round(rate)} rows/s  ` +
        `ratio to raw COPY ${(rawSeconds / result.seconds).toFixed(2)}  first byte ${result.firstByteMs.toFixed(0)} ms, first rows ${result.firstRowMs.toFixed(0)} ms  ` +
        `${(result.bytes / 1e6).toFixed(0)} MB  peak server RSS ${(peak / 1024 / 1024).toFixed(0)} MB`,
    );
    if (format === 'csv' && exportCopy) {
      const sameSeconds = await baselineCopy(exportCopy);
      console.log(
        `         the export's own COPY statement alone: ${sameSeconds.toFixed(2)} s  ` +
          `${Math.round(estimate.rows / sameSeconds)} rows/s  ratio of the HTTP export to it ${(sameSeconds / result.seconds).toFixed(2)}`,
      );
    }
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  server?.kill('SIGTERM');
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
