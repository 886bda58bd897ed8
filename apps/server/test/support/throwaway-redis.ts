import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.ts';

/** Whether a `redis-server` binary is on the PATH (CI installs one; see .ci/run). */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/**
 * A Redis of the test's own, on a free port and keeping nothing on disk, that it may
 * kill, pause and start again: the machine's shared Redis is never stopped.
 */
export async function createThrowawayRedis() {
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    if (child) return;
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      started.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      started.once('exit', (code) =>
        reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)),
      );
    });
  }

  /** The crash: SIGKILL, and everything Redis held is gone. */
  async function kill(): Promise<void> {
    const running = child;
    if (!running) return;
    child = null;
    running.kill('SIGCONT');
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    kill,
    /** Redis stops answering but keeps its connections open (a stall, not a crash). */
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
}

export type ThrowawayRedis = Awaited<ReturnType<typeof createThrowawayRedis>>;
