import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor, subjectRecord, type Grantee } from '@watchfloor/authz';
import { callStatuses } from '@watchfloor/domain';
import { abilityFilter } from '../src/authz/ability-sql.ts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { calls } from '../src/db/schema.ts';
import { callColumns } from '../src/modules/calls/calls.repo.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';

const districts = ['1', '2', '3', null] as const;

const grantees: Grantee[] = [
  { id: 'd', role: 'dispatcher', districts: [] },
  { id: 's0', role: 'supervisor', districts: [] },
  { id: 's1', role: 'supervisor', districts: ['1'] },
  { id: 's13', role: 'supervisor', districts: ['1', '3'] },
  { id: 'a', role: 'analyst', districts: [] },
  { id: 'ad', role: 'admin', districts: [] },
  { id: 'i', role: 'integration', districts: [] },
];

const callArbitrary = fc.record({
  district: fc.constantFrom(...districts),
  status: fc.constantFrom(...callStatuses),
});

describe.each(testDrivers())('SQL filters from abilities on %s', (driver) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(() => database.close());

  it('return exactly the calls ability.can allows, for every role', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(callArbitrary, { minLength: 1, maxLength: 25 }), async (rows) => {
        round += 1;
        const source = `prop-${round}`;
        await database.db.insert(calls).values(
          rows.map((row, index) => ({
            incidentNumber: `${source}-${index}`,
            source,
            sourceId: String(index),
            callType: 'DIST',
            callTypeDescription: 'Disturbance',
            priority: 1,
            originalPriority: 1,
            lat: 0,
            lon: 0,
            status: row.status,
            district: row.district,
            receivedAt: new Date(),
          })),
        );
        for (const grantee of grantees) {
          const ability = defineAbilityFor(grantee);
          const expected = rows
            .map((row, index) => ({ row, id: String(index) }))
            .filter(({ row }) => ability.can('read', subjectRecord('Call', row)))
            .map(({ id }) => id);
          // Other rounds' rows are in the table too; compare only this round's.
          const selected = await database.db
            .select({ sourceId: calls.sourceId })
            .from(calls)
            .where(
              and(eq(calls.source, source), abilityFilter(ability, 'read', 'Call', callColumns)),
            );
          expect(selected.map((row) => row.sourceId!).sort()).toEqual(expected.sort());
        }
      }),
      { numRuns: 15, seed: 42 },
    );
  });

  it('refuses conditions it cannot translate instead of over-sharing', () => {
    const ability = defineAbilityFor({ id: 's', role: 'supervisor', districts: ['1'] });
    expect(() => abilityFilter(ability, 'read', 'Call', {})).toThrow(/unmapped field "district"/);
  });
});
