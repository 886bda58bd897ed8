import { describe, expect, it } from 'vitest';
import {
  callStatuses,
  callStatusRank,
  checkCallTransition,
  type CallStatus,
} from './call-status.ts';
import { checkUnitTransition, unitStatuses, type UnitStatus } from './unit-status.ts';

/** The legal transitions, written out independently of the implementation's table. */
const legalCallTransitions = new Set([
  'pending>dispatched',
  'pending>closed',
  'pending>cancelled',
  'dispatched>pending',
  'dispatched>enroute',
  'dispatched>onscene',
  'dispatched>closed',
  'dispatched>cancelled',
  'enroute>pending',
  'enroute>onscene',
  'enroute>closed',
  'enroute>cancelled',
  'onscene>closed',
]);

const legalUnitTransitions = new Set([
  'available>dispatched',
  'available>enroute',
  'available>onscene',
  'available>busy',
  'available>out_of_service',
  'available>off_duty',
  'dispatched>enroute',
  'dispatched>onscene',
  'dispatched>available',
  'enroute>onscene',
  'enroute>available',
  'onscene>available',
  'onscene>busy',
  'busy>available',
  'busy>out_of_service',
  'busy>off_duty',
  'out_of_service>available',
  'out_of_service>off_duty',
  'off_duty>available',
]);

const pairs = <S extends string>(statuses: readonly S[]) =>
  statuses.flatMap((from) => statuses.map((to) => [from, to] as const));

describe('call state machine', () => {
  it.each(pairs(callStatuses))('%s → %s', (from: CallStatus, to: CallStatus) => {
    const result = checkCallTransition(from, to);
    const legal = legalCallTransitions.has(`${from}>${to}`);
    expect(result.ok).toBe(legal);
    if (!result.ok)
      expect(result.reason).toMatch(
        from === to || from === 'closed' || from === 'cancelled' ? /already/ : /cannot go from/,
      );
  });

  it('ranks statuses so that ingest never moves a call backwards', () => {
    expect(callStatuses.map(callStatusRank)).toEqual([0, 1, 2, 3, 4, 4]);
  });
});

describe('unit state machine', () => {
  it.each(pairs(unitStatuses))('%s → %s', (from: UnitStatus, to: UnitStatus) => {
    const result = checkUnitTransition(from, to);
    expect(result.ok).toBe(legalUnitTransitions.has(`${from}>${to}`));
    if (!result.ok) expect(result.reason).toMatch(from === to ? /already/ : /cannot go from/);
  });
});
