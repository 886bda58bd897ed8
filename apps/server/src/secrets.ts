import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The session secret the server uses, without creating one: the configured value, or
 * the file the server keeps in DATA_DIR; undefined when neither exists yet. For tools
 * beside the server, which must not invent a secret the server would then adopt.
 */
export async function readSessionSecret(
  configured: string | undefined,
  dataDir: string,
): Promise<string | undefined> {
  if (configured) return configured;
  try {
    return (await fs.readFile(path.join(dataDir, 'session-secret'), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Returns the configured session secret, or on the embedded default one kept in
 * DATA_DIR (created on first start), so sessions survive a restart.
 */
export async function resolveSessionSecret(
  configured: string | undefined,
  dataDir: string,
): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'session-secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
