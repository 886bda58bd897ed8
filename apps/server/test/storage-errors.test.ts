import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/client.ts';
import { isDataRejection, isStorageUnavailable } from '../src/db/storage-errors.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';

const failureOf = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
};

/** Errors from the real drivers, sorted into "retry later" and "this data is refused". */
describe.each(testDrivers())('storage errors on %s', (driver) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(() => database.close());

  it('calls a refused value a data rejection, not storage trouble', async () => {
    for (const statement of [
      sql`select 1 / 0`,
      sql`select 'not a number'::int`,
      sql`select ${'a\u0000b'}::text`,
      sql`insert into calls (incident_number, source, call_type, call_type_description, priority, original_priority, status, received_at, lat) values ('x', 'x', 'x', 'x', 1, 1, 'pending', now(), 1)`,
    ]) {
      const error = await failureOf(() => database.db.execute(statement));
      expect(isDataRejection(error), String(error)).toBe(true);
      expect(isStorageUnavailable(error), String(error)).toBe(false);
    }
  });

  it('calls a missing table storage trouble: the schema is not what this build expects', async () => {
    const error = await failureOf(() => database.db.execute(sql`select * from no_such_table`));
    expect(isStorageUnavailable(error)).toBe(true);
    expect(isDataRejection(error)).toBe(false);
  });

  it('calls a closed or unreachable database storage trouble', async () => {
    const closed = await openTestDatabase(driver);
    await closed.close();
    const error = await failureOf(() => closed.db.execute(sql`select 1`));
    expect(isStorageUnavailable(error), String(error)).toBe(true);
    if (driver === 'postgres') {
      const nowhere = await openDatabase({ driver: 'postgres', url: 'postgres://127.0.0.1:1/x' });
      const refused = await failureOf(() => nowhere.db.execute(sql`select 1`));
      await nowhere.close();
      expect(isStorageUnavailable(refused), String(refused)).toBe(true);
    }
  });

  it('calls a programming error neither', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(isStorageUnavailable(bug)).toBe(false);
    expect(isDataRejection(bug)).toBe(false);
  });
});
