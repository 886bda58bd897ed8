/**
 * The live map benchmark (issue 4), run on demand with `pnpm bench:map`; not part of the
 * tests or CI. Starts the real server on a fresh embedded database without the demo city,
 * feeds it 5,000 units reporting every second and 1,000 open calls through the public ingest
 * API from a separate process, opens /map as the dispatcher in headless Chromium and measures
 * batch apply time, frame times, long tasks and heap growth. See bench/README.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import { cpuBetween, cpuSnapshot } from './cpu.ts';
import type { FeedMessage } from './feed.ts';
import { installProbes, type ProbeData } from './probes.ts';
import { summariseProfile } from './profile.ts';
import { pairBatches, round, summarise } from './stats.ts';
import { summariseTrace } from './trace.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values: args } = parseArgs({
  options: {
    units: { type: 'string', default: '5000' },
    calls: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '15' },
    profile: { type: 'string', default: '10' },
    'zoom-in': { type: 'string', default: '0' },
    screenshot: { type: 'string' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '8290' },
    'web-dist': { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`pnpm bench:map [--units 5000] [--calls 1000] [--duration 60] [--warmup 15]
        [--profile 10] [--zoom-in 0] [--port 8290] [--web-dist DIR] [--out FILE]
        [--screenshot FILE]

  --duration  seconds measured       --warmup  seconds of load before measuring
  --profile   seconds of CPU profile taken after the measurement (0: none)
  --zoom-in   zoom levels to zoom in from the opening view before measuring (keyboard +)
  --web-dist  use this web build instead of building one (it must have source maps for
              the profile to name code)`);
  process.exit(0);
}

const config = {
  units: Number(args.units),
  calls: Number(args.calls),
  durationS: Number(args.duration),
  warmupS: Number(args.warmup),
  profileS: Number(args.profile),
  zoomIn: Number(args['zoom-in']),
  port: Number(args.port),
};
const out =
  args.out ??
  path.join(
    repoRoot,
    'bench/results',
    config.zoomIn > 0 ? `map-zoom-in-${config.zoomIn}-latest.json` : 'map-latest.json',
  );
const baseUrl = `http://127.0.0.1:${config.port}`;
const password = 'bench amber harbor lantern';
const agencyFile = path.join(repoRoot, 'config/agencies/demo.json');

const log = (message: string) =>
  console.log(`[bench:map ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const children: ChildProcess[] = [];
let browser: Browser | null = null;
let workDir: string | null = null;

function run(
  command: string,
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(options.input ?? '');
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${argv.join(' ')} exited ${code}:\n${stderr}${stdout}`));
    });
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const exited = once(child, 'exit');
  const timeout = sleep(15_000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
}

async function cleanUp() {
  await browser?.close().catch(() => undefined);
  for (const child of children.reverse()) await stopChild(child);
  if (workDir) await rm(workDir, { recursive: true, force: true });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** The commit measured and whether the web app had uncommitted changes. */
function gitState() {
  const git = (...argv: string[]) =>
    execFileSync('git', argv, { cwd: repoRoot, encoding: 'utf8' }).trim();
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      uncommittedWebChanges: git('status', '--short', '--', 'apps/web', 'packages')
        .split('\n')
        .filter(Boolean).length,
    };
  } catch {
    return null;
  }
}

async function heapUsed(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? 0;
  return {
    jsHeapUsedMB: round(metric('JSHeapUsedSize') / 2 ** 20),
    jsHeapTotalMB: round(metric('JSHeapTotalSize') / 2 ** 20),
    domNodes: metric('Nodes'),
    eventListeners: metric('JSEventListeners'),
  };
}

/** MapLibre's worker traffic on the main thread: the clone of what is sent, the handling of replies. */
function workerTraffic(probes: ProbeData, seconds: number) {
  const inDraws = probes.draws.map((draw) =>
    probes.toWorkers
      .filter((post) => post.start >= draw.start && post.start < draw.start + draw.duration)
      .reduce((sum, post) => sum + post.duration, 0),
  );
  const total = (entries: readonly { duration: number }[]) =>
    entries.reduce((sum, entry) => sum + entry.duration, 0);
  return {
    postMessageInDrawMs: summarise(inDraws),
    postMessageMsPerSecond: round(total(probes.toWorkers) / seconds),
    repliesPerSecond: round(probes.fromWorkers.length / seconds, 1),
    replyHandlingMs: summarise(probes.fromWorkers.map((reply) => reply.duration)),
    replyHandlingMsPerSecond: round(total(probes.fromWorkers) / seconds),
  };
}

async function main() {
  const loadBefore = os.loadavg();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'watchfloor-bench-'));
  const dataDir = path.join(workDir, 'data');

  // 1. The web app as it is in this working tree, with source maps so the profile can name code.
  let webDist = args['web-dist'];
  if (!webDist) {
    webDist = path.join(workDir, 'web');
    log('building the web app (with source maps)');
    await run('pnpm', [
      '--filter',
      '@watchfloor/web',
      'exec',
      'vite',
      'build',
      '--sourcemap',
      '--outDir',
      webDist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ]);
  }

  // 2. A fresh embedded database: the dispatcher and an ingest token, created by the CLI before
  //    the server opens the database. DEMO=false: no demo accounts and no demo city (the server
  //    has no switch for "demo accounts without the city").
  const serverEnv = {
    DATA_DIR: dataDir,
    PORT: String(config.port),
    WEB_DIST: webDist,
    DEMO: 'false',
    LOG_LEVEL: 'error',
    NODE_ENV: 'development',
  };
  log('creating the dispatcher and an ingest token');
  await run(
    'node',
    [
      'apps/server/src/cli/main.ts',
      'users:create',
      '--username',
      'dispatcher',
      '--role',
      'dispatcher',
    ],
    {
      env: serverEnv,
      input: `${password}\n`,
    },
  );
  const token = (
    await run('node', ['apps/server/src/cli/main.ts', 'tokens:create', '--name', 'bench-map'], {
      env: serverEnv,
    })
  )
    .trim()
    .split('\n')
    .at(-1)!;

  log(`starting the server on ${baseUrl}`);
  const server = spawn('node', ['apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...serverEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(server);
  await waitFor('the server', async () => (await fetch(`${baseUrl}/readyz`)).ok, 120_000);

  // 3. The load, from a process of its own.
  log(`registering ${config.units} units and ${config.calls} open calls through the ingest API`);
  const feed = spawn('node', ['bench/map/feed.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      FEED_BASE_URL: baseUrl,
      FEED_TOKEN: token,
      FEED_UNITS: String(config.units),
      FEED_CALLS: String(config.calls),
      FEED_AGENCY: agencyFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(feed);
  const ticks: Extract<FeedMessage, { type: 'tick' }>[] = [];
  const setup: Extract<FeedMessage, { type: 'setup' }>[] = [];
  const feedErrors: string[] = [];
  let feedReady: () => void;
  const ready = new Promise<void>((resolve) => (feedReady = resolve));
  createInterface({ input: feed.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as FeedMessage;
    if (message.type === 'tick') ticks.push(message);
    else if (message.type === 'setup') {
      setup.push(message);
      log(`  ${message.what}: ${message.count} in ${(message.ms / 1000).toFixed(1)} s`);
    } else if (message.type === 'ready') feedReady();
    else feedErrors.push(message.message);
  });
  feed.on('exit', (code) => {
    if (code !== 0 && code !== null) feedErrors.push(`feed exited ${code}`);
  });
  await Promise.race([
    ready,
    once(feed, 'exit').then(() =>
      Promise.reject(new Error(`feed stopped: ${feedErrors.join('; ')}`)),
    ),
  ]);
  log('positions flowing; opening the map in Chromium');

  // 4. The browser, launched like the e2e journeys (Debian's Chromium, software rendering).
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  await page.addInitScript(installProbes);
  const consoleProblems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      consoleProblems.push(message.text().slice(0, 300));
  });
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill('dispatcher');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/map/);
  if (!page.url().endsWith('/map')) await page.goto('/map');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const webgl = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no WebGL2';
  });
  log(`WebGL renderer: ${webgl}`);
  await waitFor(
    'the whole fleet in one batch',
    () =>
      page.evaluate(
        (units) => (window.__watchfloorBench?.largestMerge ?? 0) >= units * 0.99,
        config.units,
      ),
    120_000,
  );
  if (config.zoomIn > 0) {
    // MapLibre's keyboard handler: '+' zooms in one level around the centre.
    await page.locator('.maplibregl-canvas').focus();
    for (let step = 0; step < config.zoomIn; step += 1) {
      await page.keyboard.press('Equal');
      await sleep(600);
    }
  }
  log(`all units live; warming up for ${config.warmupS} s`);
  await sleep(config.warmupS * 1000);

  // 5. The measured window.
  const heapStart = await heapUsed(cdp);
  const metricsStart = (await cdp.send('Performance.getMetrics')).metrics;
  const cpuStart = cpuSnapshot({ server: server.pid!, feed: feed.pid! });
  const windowStart = Date.now();
  await page.evaluate(() => {
    window.__watchfloorBench!.recording = true;
  });
  log(`measuring for ${config.durationS} s`);
  await sleep(config.durationS * 1000);
  await page.evaluate(() => {
    window.__watchfloorBench!.recording = false;
  });
  const windowEnd = Date.now();
  const cpuEnd = cpuSnapshot({ server: server.pid!, feed: feed.pid! });
  const metricsEnd = (await cdp.send('Performance.getMetrics')).metrics;
  const probes = (await page.evaluate(() => window.__watchfloorBench)) as ProbeData;
  const heapEnd = await heapUsed(cdp);

  // 6. What the main thread spends its time on, after the measurement so it does not disturb it.
  let profile: ReturnType<typeof summariseProfile> | null = null;
  let trace: ReturnType<typeof summariseTrace> | null = null;
  if (config.profileS > 0) {
    log(`profiling the main thread for ${config.profileS} s`);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await sleep(config.profileS * 1000);
    const { profile: raw } = await cdp.send('Profiler.stop');
    profile = summariseProfile(raw, webDist);
    log(`tracing the main thread for ${config.profileS} s`);
    await browser.startTracing(page, {
      categories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'v8.execute',
        'blink',
        'gpu',
        'cc',
        'disabled-by-default-v8.gc',
      ],
    });
    await sleep(config.profileS * 1000);
    trace = summariseTrace(await browser.stopTracing(), config.profileS);
  }
  if (args.screenshot) await page.screenshot({ path: args.screenshot });
  const loadAfter = os.loadavg();

  // 7. Numbers.
  const windowTicks = ticks.filter((tick) => tick.at >= windowStart && tick.at < windowEnd);
  const seconds = (windowEnd - windowStart) / 1000;
  const applied = windowTicks.reduce((sum, tick) => sum + tick.applied, 0);
  const sent = windowTicks.reduce((sum, tick) => sum + tick.positions, 0);
  const batches = pairBatches(probes.merges, probes.draws);
  const fullBatches = pairBatches(probes.socket, probes.draws);
  const metricDelta = (name: string) =>
    round(
      (metricsEnd.find((entry) => entry.name === name)?.value ?? 0) -
        (metricsStart.find((entry) => entry.name === name)?.value ?? 0),
      3,
    );
  const frameStats = summarise(probes.frames);
  const longTaskTotal = probes.longTasks.reduce((sum, task) => sum + task.duration, 0);
  const chromiumVersion = browser.version();

  const results = {
    benchmark: 'live map (issue 4)',
    date: new Date(windowStart).toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      chromium: chromiumVersion,
      webgl,
      loadAverage: {
        before: loadBefore.map((value) => round(value)),
        after: loadAfter.map((value) => round(value)),
      },
    },
    config,
    source: gitState(),
    targets: {
      batchApplyMedianMs: {
        target: 16,
        measured: summarise(batches.map((batch) => batch.total)).median,
      },
      frameP95Ms: { target: 50, measured: frameStats.p95 },
    },
    ingest: {
      setup: setup.map(({ what, count, ms }) => ({ what, count, seconds: round(ms / 1000, 1) })),
      requests: windowTicks.length,
      positionsSent: sent,
      positionsApplied: applied,
      appliedPerSecond: round(applied / seconds, 0),
      skippedTicks: windowTicks.reduce((sum, tick) => sum + tick.skipped, 0),
      requestMs: summarise(windowTicks.map((tick) => tick.requestMs)),
      feedBuildMs: summarise(windowTicks.map((tick) => tick.buildMs)),
      bodyKB: round((windowTicks[0]?.bodyBytes ?? 0) / 1024, 0),
      errors: feedErrors,
    },
    browser: {
      batchesReceived: probes.merges.length,
      batchesPerSecond: round(probes.merges.length / seconds, 2),
      batchIntervalMs: summarise(
        probes.merges.slice(1).map((merge, index) => merge.start - probes.merges[index]!.start),
      ),
      unitsPerBatch: summarise(probes.merges.map((merge) => merge.size)),
      batchApplyMs: summarise(batches.map((batch) => batch.total)),
      mergeMs: summarise(probes.merges.map((merge) => merge.duration)),
      drawMs: summarise(probes.draws.map((draw) => draw.duration)),
      socketToMergedMs: summarise(probes.socket.map((message) => message.duration)),
      socketMessageKB: round((probes.socket[0]?.size ?? 0) / 1024, 0),
      socketToDrawnMs: summarise(fullBatches.map((batch) => batch.total)),
      workers: workerTraffic(probes, seconds),
      frameMs: frameStats,
      framesPerSecond: round(probes.frames.length / seconds, 1),
      framesOver50Ms: probes.frames.filter((frame) => frame > 50).length,
      longTasks: {
        count: probes.longTasks.length,
        totalMs: round(longTaskTotal, 0),
        maxMs: round(Math.max(0, ...probes.longTasks.map((task) => task.duration)), 0),
        shareOfWindow: round(longTaskTotal / (seconds * 1000), 3),
      },
      mainThreadSecondsPerSecond: {
        task: round(metricDelta('TaskDuration') / seconds, 3),
        script: round(metricDelta('ScriptDuration') / seconds, 3),
        layout: round(metricDelta('LayoutDuration') / seconds, 3),
        recalcStyle: round(metricDelta('RecalcStyleDuration') / seconds, 3),
      },
      heap: {
        start: heapStart,
        end: heapEnd,
        growthMB: round(heapEnd.jsHeapUsedMB - heapStart.jsHeapUsedMB),
      },
      consoleProblems: consoleProblems.slice(0, 10),
    },
    cpu: cpuBetween(cpuStart, cpuEnd),
    profile,
    trace,
  };

  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(`${out}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  await rename(`${out}.tmp`, out);
  // The results file may be committed: keep it in the repository's format.
  await run('pnpm', ['exec', 'prettier', '--write', out]).catch(() => undefined);

  const b = results.browser;
  const table: Record<string, string> = {
    'ingest: positions applied per second': `${results.ingest.appliedPerSecond} (target ${config.units}; request p50 ${results.ingest.requestMs.median} ms, p95 ${results.ingest.requestMs.p95} ms)`,
    'batches received / units per batch': `${b.batchesReceived} (${b.batchesPerSecond}/s, interval p50 ${b.batchIntervalMs.median} ms, max ${b.batchIntervalMs.max} ms) / ${b.unitsPerBatch.median}`,
    'batch apply (merge + draw), ms': `median ${b.batchApplyMs.median}  p95 ${b.batchApplyMs.p95}  max ${b.batchApplyMs.max}  (target median ≤ 16)`,
    '  merge / draw medians, ms': `${b.mergeMs.median} / ${b.drawMs.median}`,
    '  from socket message to drawn, ms': `median ${b.socketToDrawnMs.median}  p95 ${b.socketToDrawnMs.p95}`,
    '  of which postMessage to workers, ms': `median ${b.workers.postMessageInDrawMs.median}`,
    'worker replies handled on main thread': `${b.workers.repliesPerSecond}/s, ${b.workers.replyHandlingMsPerSecond} ms/s (p95 ${b.workers.replyHandlingMs.p95} ms each)`,
    'frame time, ms': `median ${b.frameMs.median}  p95 ${b.frameMs.p95}  p99 ${b.frameMs.p99}  max ${b.frameMs.max}  (target p95 ≤ 50)`,
    'frames per second': String(b.framesPerSecond),
    'long tasks': `${b.longTasks.count}, total ${b.longTasks.totalMs} ms, max ${b.longTasks.maxMs} ms`,
    'JS heap (after GC), MB': `${b.heap.start.jsHeapUsedMB} → ${b.heap.end.jsHeapUsedMB} (growth ${b.heap.growthMB})`,
    'CPU, % of one core': Object.entries(results.cpu.percentOfOneCore)
      .map(([group, percent]) => `${group} ${percent}`)
      .join(', '),
    'Chromium threads, % of one core': Object.entries(results.cpu.chromiumThreads)
      .slice(0, 8)
      .map(([thread, percent]) => `${thread} ${percent}`)
      .join(', '),
    'machine busy / other processes': `${results.cpu.machineBusyPercent}% of ${results.machine.cores} cores / ${results.cpu.otherProcesses}% of one core`,
    'load average before / after': `${loadBefore.map((v) => v.toFixed(2)).join(' ')} / ${loadAfter.map((v) => v.toFixed(2)).join(' ')}`,
  };
  console.log('');
  for (const [name, value] of Object.entries(table)) console.log(`${name.padEnd(40)} ${value}`);
  if (profile) {
    console.log('\nmain thread self time by area (CPU profile):');
    for (const row of profile.byArea.slice(0, 10))
      console.log(`  ${String(row.percent).padStart(5)}%  ${row.name}`);
  }
  if (trace) {
    console.log(
      `\nmain thread by trace event (self ms per second; busy ${trace.busyMsPerSecond} ms/s):`,
    );
    for (const row of trace.selfMsPerSecond.slice(0, 10))
      console.log(`  ${String(row.msPerSecond).padStart(6)}  ${row.name}`);
  }
  console.log(`\nwritten: ${path.relative(repoRoot, out)}`);
}

const interrupt = () => {
  void cleanUp().finally(() => process.exit(130));
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);
try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
