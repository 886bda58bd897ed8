import { describe, expect, it } from 'vitest';
import { testAgency } from '../../test/support/agency-fixture.ts';
import { createAgencyDirectory } from '../modules/agency/agency-directory.ts';
import { planCall } from './call-plan.ts';
import type { ImportMapping } from './mapping.schema.ts';
import type { MappedCall } from './row-mapper.ts';

const directory = createAgencyDirectory(testAgency);
const mapping: ImportMapping = {
  name: 'test',
  source: 'test',
  timeZone: 'UTC',
  columns: { sourceCallId: 'id', callType: 'type', receivedAt: { column: 'at', format: 'iso' } },
};
const mapped: MappedCall = {
  sourceCallId: '1',
  callType: 'DIST',
  callTypeText: 'FIGHT',
  priority: null,
  priorityFromSource: false,
  officerInitiated: false,
  status: 'pending',
  lat: 0.005,
  lon: 0.015,
  address: null,
  beat: null,
  district: null,
  receivedAt: new Date('2024-01-01T00:00:00Z'),
  dispatchedAt: null,
  enrouteAt: null,
  onsceneAt: null,
  closedAt: null,
  disposition: null,
};

describe('planCall', () => {
  it('completes a row from the agency: text, default priority (mapped), polygons', () => {
    const planned = planCall(mapped, mapping, directory);
    expect(planned.ok && planned.call).toMatchObject({
      callTypeDescription: 'Disturbance',
      knownCallType: true,
      priority: 1,
      priorityMapped: true,
      beat: '2A',
      district: '2',
    });
  });

  it('keeps the row’s own priority, beat and district columns when it has them', () => {
    const withColumns = { ...mapping, columns: { ...mapping.columns, district: 'd' } };
    const row = { ...mapped, priority: 2, priorityFromSource: true, district: '9' };
    expect(planCall(row, withColumns, directory)).toMatchObject({
      ok: true,
      call: { priority: 2, priorityMapped: false, beat: null, district: '9' },
    });
  });

  it('keeps an unknown call type with the row’s text, officer-initiated from the agency', () => {
    expect(planCall({ ...mapped, callType: 'NEW', priority: 3 }, mapping, directory)).toMatchObject(
      {
        ok: true,
        call: { callTypeDescription: 'FIGHT', knownCallType: false },
      },
    );
    expect(planCall({ ...mapped, callType: 'TRAF' }, mapping, directory)).toMatchObject({
      ok: true,
      call: { officerInitiated: true, priority: 2 },
    });
  });

  it('rejects a row whose priority nothing gives', () => {
    expect(planCall({ ...mapped, callType: 'NEW' }, mapping, directory)).toEqual({
      ok: false,
      issues: [
        {
          path: 'type',
          message:
            'no priority: none in the row, no defaultPriority in the mapping, call type "NEW" unknown to the agency',
        },
      ],
    });
  });
});
