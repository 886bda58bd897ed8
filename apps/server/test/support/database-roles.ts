import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';

const cliMain = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Passwords are ignored under the test server's trust auth, but the command must accept them. */
export const rolePasswords = {
  DATABASE_OWNER_PASSWORD: 'owner-password-for-tests',
  DATABASE_RUNTIME_PASSWORD: 'runtime-password-for-tests',
};

export interface RolesFixture {
  owner: string;
  runtime: string;
  /** A new, empty database; owned by `owner` when given, else by the admin. */
  createDatabase(owner?: string): Promise<string>;
  /** A LOGIN role, as a DBA (or an older install) would have made it by hand; dropped on close. */
  createLoginRole(name: string, attributes?: string): Promise<void>;
  /** The URL of `database`, as `role` or as the admin. */
  urlAs(database: string, role?: string): string;
  /** Runs `pnpm watchfloor db:roles` as the admin on `database`. */
  runDbRoles(
    database: string,
    roles?: { owner?: string; runtime?: string },
  ): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Drops the databases and then the roles (roles are cluster-wide). */
  close(): Promise<void>;
}

async function adminQuery(adminUrl: string, text: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Owner and runtime role names with a random suffix, so parallel test files
 * and other engineers' runs on the same cluster never share a role.
 */
export function openRolesFixture(): RolesFixture {
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available for tests');
  const suffix = randomBytes(4).toString('hex');
  const owner = `wf_owner_${suffix}`;
  const runtime = `wf_app_${suffix}`;
  const databases: string[] = [];
  const roles = [runtime, owner];

  const urlAs = (database: string, role?: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    if (role) {
      url.username = role;
      url.password = 'unused-under-trust-auth';
    }
    return url.toString();
  };

  return {
    owner,
    runtime,
    urlAs,
    async createDatabase(databaseOwner) {
      const name = `wf_roles_${suffix}_${databases.length}`;
      databases.push(name);
      await adminQuery(
        adminUrl,
        `create database ${name}${databaseOwner ? ` owner ${databaseOwner}` : ''}`,
      );
      return name;
    },
    async createLoginRole(name, attributes = '') {
      if (!roles.includes(name)) roles.unshift(name);
      await adminQuery(adminUrl, `create role ${name} login ${attributes}`);
    },
    runDbRoles(database, names = {}) {
      return new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          [
            cliMain,
            'db:roles',
            ...['--owner', names.owner ?? owner, '--runtime', names.runtime ?? runtime],
          ],
          {
            env: {
              PATH: process.env.PATH ?? '',
              LOG_LEVEL: 'silent',
              DATA_DIR: '/nonexistent/watchfloor',
              DATABASE_ADMIN_URL: urlAs(database),
              ...rolePasswords,
            },
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    },
    async close() {
      for (const database of databases) {
        await adminQuery(adminUrl, `drop database if exists ${database} with (force)`);
      }
      for (const role of roles) await adminQuery(adminUrl, `drop role if exists ${role}`);
    },
  };
}
