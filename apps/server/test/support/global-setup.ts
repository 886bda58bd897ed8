import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const defaultTestDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL to create per-file test databases from, or null when none answers. */
    postgresUrl: string | null;
  }
}

/**
 * Finds the PostgreSQL for integration tests. Every repository test runs on
 * PGlite and on PostgreSQL; outside CI a missing server skips the PostgreSQL
 * half with a warning, in CI it fails the run.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL ?? defaultTestDatabaseUrl;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('postgresUrl', url);
  } catch (error) {
    const reason = `PostgreSQL at ${url} is unreachable (${(error as Error).message})`;
    if (process.env.CI) {
      throw new Error(`${reason}; CI requires it. Set TEST_DATABASE_URL.`, { cause: error });
    }
    console.warn(`\n⚠ ${reason}: PostgreSQL integration tests are SKIPPED; only PGlite runs.\n`);
    project.provide('postgresUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}
