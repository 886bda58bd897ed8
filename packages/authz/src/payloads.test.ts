import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from './ability.ts';
import {
  auditDetailClasses,
  callEventDataClasses,
  mayReadCallerData,
  permittedAuditDetails,
  permittedCallEventData,
  storableAuditDetails,
} from './payloads.ts';
import { personas } from './test-fixtures.ts';
import { callFields, personalCallFields } from './vocabulary.ts';

const personal: readonly string[] = personalCallFields;
const callField: readonly string[] = callFields;

const liveInOne = { district: '1', status: 'dispatched' };
const closedInTwo = { district: '2', status: 'closed' };

/** Who may read caller data, per persona: a call in district 1, one in district 2, any call. */
const expected: Record<string, [boolean, boolean, boolean]> = {
  dispatcher: [true, true, true],
  'supervisor of district 1': [true, false, false],
  'supervisor of all districts': [true, true, true],
  analyst: [false, false, false],
  admin: [false, false, false],
  integration: [false, false, false],
};

describe('mayReadCallerData', () => {
  it.each(personas)('follows the Call field rules for the $label', ({ label, grantee }) => {
    const ability = defineAbilityFor(grantee);
    expect([
      mayReadCallerData(ability, liveInOne),
      mayReadCallerData(ability, closedInTwo),
      mayReadCallerData(ability),
    ]).toEqual(expected[label]);
  });

  it('has an expectation for every persona', () => {
    expect(Object.keys(expected).sort()).toEqual(personas.map((p) => p.label).sort());
  });
});

describe('the classification of call event data', () => {
  it('classifies a key that is a call field as the Call field rules do', () => {
    for (const [key, kind] of Object.entries(callEventDataClasses)) {
      if (!callField.includes(key)) continue;
      expect(kind, key).toBe(personal.includes(key) ? 'personal' : 'operational');
    }
  });

  it('shows a reader without caller data only the operational keys', () => {
    const data = { status: 'cancelled', reason: 'Caller Jo Bloggs hung up', text: 'x' };
    expect(permittedCallEventData(data, false)).toEqual({ status: 'cancelled' });
    expect(permittedCallEventData(data, true)).toEqual(data);
  });

  it('withholds a key it does not know from a reader without caller data', () => {
    expect(permittedCallEventData({ status: 'closed', comment: 'Jo' }, false)).toEqual({
      status: 'closed',
    });
  });
});

describe('the classification of audit details', () => {
  it('reads one key by its action: a sign-in reason is a code, a cancel reason is free text', () => {
    expect(permittedAuditDetails('auth.login', { reason: 'wrong_password' }, false)).toEqual({
      reason: 'wrong_password',
    });
    expect(permittedAuditDetails('call.cancel', { reason: 'Jo Bloggs' }, false)).toEqual({});
    expect(permittedAuditDetails('call.cancel', { reason: 'Jo Bloggs' }, true)).toEqual({
      reason: 'Jo Bloggs',
    });
  });

  it('withholds every detail of an action it does not know', () => {
    expect(permittedAuditDetails('call.reopen', { reason: 'Jo' }, false)).toEqual({});
  });

  it('stores no personal detail, and keeps the rest (classified or not)', () => {
    expect(storableAuditDetails('call.cancel', { reason: 'Jo Bloggs' })).toEqual({});
    expect(storableAuditDetails('call.close', { disposition: 'RPT', note: 'n' })).toEqual({
      disposition: 'RPT',
      note: 'n',
    });
  });

  it('names actions as domain.verb', () => {
    for (const action of Object.keys(auditDetailClasses))
      expect(action).toMatch(/^[a-z]+\.[a-z]+$/);
  });
});
