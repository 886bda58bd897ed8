import { describe, expect, it } from 'vitest';
import { auditQueryParams, emptyAuditFilters } from './auditFilters.ts';

describe('auditQueryParams', () => {
  it('leaves blank fields out', () => {
    expect(auditQueryParams(emptyAuditFilters, 'America/Chicago')).toEqual({});
  });

  it('turns agency-local days into instants, the last day included whole', () => {
    expect(
      auditQueryParams(
        {
          ...emptyAuditFilters,
          actor: ' ana ',
          outcome: 'failure',
          fromDay: '2026-07-01',
          toDay: '2026-07-02',
        },
        'America/Chicago',
      ),
    ).toEqual({
      actor: 'ana',
      outcome: 'failure',
      from: '2026-07-01T05:00:00.000Z',
      to: '2026-07-03T05:00:00.000Z',
    });
  });
});
