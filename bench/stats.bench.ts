/**
 * Response-time statistics at scale (issue 5): 1,000,000 calls over a year on PostgreSQL, then
 * a year of `response` grouped by district × priority through the real API (a server started
 * on the same database, an analyst signed in), against the bare `percentile_cont` SQL over the
 * same rows, timed alternately in the same run. Target: the API ≤ 1 s and ≤ 1.5× the bare
 * query (the API's time includes HTTP, authorization and JSON).
 *
 *   node bench/stats.bench.ts                 # BENCH_DATABASE_URL, else a database on the test server
 *   node bench/stats.bench.ts --calls 200000  # a smaller set
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
}
// `pg` is the server's dependency; the benchmark borrows it rather than adding its own.
const { Client } = createRequire(new URL('../apps/server/package.json', import.meta.url))('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const callCount = Number(argument('--calls') ?? 1_000_000);
const rounds = Number(argument('--rounds') ?? 7);
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const databaseName = 'watchfloor_bench_stats';
const from = '2025-01-01T00:00:00Z';
const to = '2026-01-01T00:00:00Z';

async function ensureDatabase(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = '${databaseName}'`);
  if (exists.rows.length === 0) await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/**
 * A year of calls, generated in SQL: 5 districts, 4 priorities, 10 % officer-initiated,
 * about 3 % without an on-scene time, response times lognormal-ish per priority.
 */
const seedCalls = `
  insert into calls (incident_number, source, source_id, call_type, call_type_description,
    priority, original_priority, officer_initiated, lat, lon, district, beat, status,
    received_at, dispatched_at, onscene_at, closed_at)
  select 'B-' || n, 'bench', n::text, 'T' || (n % 40), 'bench call', p, p, (n % 10 = 0),
    37.8, -122.27, ((n % 5) + 1)::text, ((n % 5) + 1)::text || 'X', 'closed',
    r, r + make_interval(secs => 30 + p * 20 * random()),
    case when n % 33 = 0 then null else r + make_interval(secs => p * 120 * exp(random())) end,
    r + make_interval(secs => 1800 + 3600 * random())
  from (
    select n, (n % 4) + 1 as p,
      timestamptz '${from}' + (random() * interval '365 days') as r
    from generate_series(1, ${callCount}) as n
  ) as generated`;

const bareQuery = `
  select district, priority,
    percentile_cont(array[0.5, 0.9]) within group (
      order by date_part('epoch', onscene_at - received_at)) as percentiles
  from calls
  where received_at >= '${from}' and received_at < '${to}'
    and not officer_initiated and onscene_at is not null and onscene_at >= received_at
  group by district, priority`;

const port = Number(argument('--port') ?? 8291);
const password = 'bench violet harbor lantern';

function run(argv: string[], env: NodeJS.ProcessEnv, input = '') {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr))));
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['apps/server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server did not become ready');
}

/** Signs in as the analyst and returns the session cookie. */
async function signIn(): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookie = csrf.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ username: 'bench-analyst', password }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  return login.headers.get('set-cookie')?.split(';')[0] ?? cookie;
}

const median = (values: number[]) =>
  values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const url = await ensureDatabase();
  const db = new Client({ connectionString: url });
  await db.connect();
  const env = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    DEMO: 'false',
    LOG_LEVEL: 'error',
    LOGIN_RATE_LIMIT: '1000',
  };
  // The CLI migrates the database and creates the account (again: an error if it exists).
  await run(
    [
      'apps/server/src/cli/main.ts',
      'users:create',
      '--username',
      'bench-analyst',
      '--role',
      'analyst',
    ],
    env,
    `${password}\n`,
  ).catch(() => undefined);
  const { rows } = await db.query(
    `select count(*)::int as count from calls where source = 'bench'`,
  );
  if ((rows[0] as { count: number }).count !== callCount) {
    console.log(`seeding ${callCount.toLocaleString('en')} calls…`);
    await db.query(`delete from calls where source = 'bench'`);
    await db.query(seedCalls);
    await db.query('vacuum analyze calls');
  }
  const server = await startServer(env);
  try {
    const cookie = await signIn();
    const search = new URLSearchParams({
      metric: 'response',
      from,
      to,
      groupBy: 'district,priority',
    });
    const apiTimes: number[] = [];
    const bareTimes: number[] = [];
    let groups = 0;
    // Alternate the two so both see the same cache and load.
    for (let round = 0; round < rounds; round += 1) {
      let started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/stats/response-times?${search}`, {
        headers: { cookie },
      });
      if (!response.ok)
        throw new Error(`statistics failed: ${response.status} ${await response.text()}`);
      groups = ((await response.json()) as { groups: unknown[] }).groups.length;
      apiTimes.push(performance.now() - started);
      started = performance.now();
      await db.query(bareQuery);
      bareTimes.push(performance.now() - started);
    }
    const result = {
      benchmark: 'stats',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, load: os.loadavg() },
      calls: callCount,
      groups,
      rounds,
      apiMs: { median: Math.round(median(apiTimes)), all: apiTimes.map(Math.round) },
      bareSqlMs: { median: Math.round(median(bareTimes)), all: bareTimes.map(Math.round) },
      ratio: Number((median(apiTimes) / median(bareTimes)).toFixed(2)),
    };
    console.log(JSON.stringify(result, null, 2));
    await fs.mkdir(path.join(repoRoot, 'bench/results'), { recursive: true });
    await fs.writeFile(
      path.join(repoRoot, 'bench/results/stats.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
    await db.end();
  }
}

await main();
