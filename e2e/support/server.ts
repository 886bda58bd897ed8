import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2eDemoPassword } from './environment.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A server of a journey's own (the shared one must keep running for the other journeys):
 * started and stopped by the test, on its own port and embedded database.
 */
export interface OwnServer {
  url: string;
  start(): Promise<void>;
  /** SIGTERM and wait for the process to exit (the graceful shutdown path). */
  stop(): Promise<void>;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${url} not ready within ${timeoutMs} ms`);
}

export async function ownServer(
  port: number,
  dataDir: string,
  /** Settings of this server beyond the shared ones (e.g. `MFA_REQUIRED`). */
  env: Record<string, string> = {},
): Promise<OwnServer> {
  const url = `http://127.0.0.1:${port}`;
  const absoluteDataDir = path.resolve(repoRoot, 'e2e', dataDir);
  await rm(absoluteDataDir, { recursive: true, force: true });
  let child: ChildProcess | null = null;
  let output = '';

  return {
    url,
    async start() {
      output = '';
      child = spawn(process.execPath, [path.join(repoRoot, 'apps/server/src/main.ts')], {
        env: {
          ...process.env,
          PORT: String(port),
          DATA_DIR: absoluteDataDir,
          DEMO_PASSWORD: e2eDemoPassword,
          LOGIN_RATE_LIMIT: '1000',
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await waitUntilReady(url, 60_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
  };
}
