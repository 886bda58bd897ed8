import { describe, expect, it } from 'vitest';
import { defineAbilityFor, type Grantee } from './ability.ts';
import { permittedFields, pickPermitted } from './fields.ts';
import { callFields, personalCallFields, type CallField, type Role } from './vocabulary.ts';

const personal: readonly string[] = personalCallFields;
const nonPersonalFields = callFields.filter((field) => !personal.includes(field));

function abilityOf(role: Role, districts: string[] = []) {
  const grantee: Grantee = { id: `${role}-1`, role, districts };
  return defineAbilityFor(grantee);
}

type StoredCall = Record<CallField | 'internalRoutingKey', unknown>;

/** A call with every presented field set, plus a server-only column that must never be copied. */
function fullCall(overrides: Partial<Record<CallField, unknown>> = {}): StoredCall {
  const call = Object.fromEntries(callFields.map((field) => [field, `${field}-value`]));
  return {
    ...(call as Record<CallField, unknown>),
    ...overrides,
    internalRoutingKey: 'server-only',
  };
}

const finishedCalls = [
  fullCall({ status: 'closed', district: '1' }),
  fullCall({ status: 'cancelled', district: '2' }),
];
const liveCall = fullCall({ status: 'dispatched', district: '1' });

describe('permittedFields for Call', () => {
  describe.each(['read', 'export'] as const)('analyst, %s', (action) => {
    const analyst = abilityOf('analyst');

    it('never includes a personal field, on the type or on any call', () => {
      for (const record of [undefined, liveCall, ...finishedCalls]) {
        const fields = permittedFields(analyst, action, 'Call', callFields, record);
        expect(fields.filter((field) => personal.includes(field))).toEqual([]);
      }
    });

    it('gives every other field of a finished call', () => {
      for (const record of finishedCalls) {
        expect(permittedFields(analyst, action, 'Call', callFields, record)).toEqual(
          nonPersonalFields,
        );
      }
    });

    it('gives no field of a live call', () => {
      expect(permittedFields(analyst, action, 'Call', callFields, liveCall)).toEqual([]);
    });
  });

  it('gives the dispatcher every field, personal ones included', () => {
    const dispatcher = abilityOf('dispatcher');
    for (const record of [undefined, liveCall, ...finishedCalls]) {
      expect(permittedFields(dispatcher, 'read', 'Call', callFields, record)).toEqual(callFields);
    }
  });

  it('gives the supervisor every field of calls in their districts, none elsewhere', () => {
    const supervisor = abilityOf('supervisor', ['1']);
    const inDistrict = fullCall({ district: '1' });
    const elsewhere = fullCall({ district: '2' });
    expect(permittedFields(supervisor, 'read', 'Call', callFields, inDistrict)).toEqual(callFields);
    expect(permittedFields(supervisor, 'read', 'Call', callFields, elsewhere)).toEqual([]);
  });

  it('gives a supervisor without assigned districts every field of every call', () => {
    const supervisor = abilityOf('supervisor');
    for (const record of [liveCall, ...finishedCalls]) {
      expect(permittedFields(supervisor, 'read', 'Call', callFields, record)).toEqual(callFields);
    }
  });

  it.each(['admin', 'integration'] as const)('gives %s no field to read', (role) => {
    expect(permittedFields(abilityOf(role), 'read', 'Call', callFields, liveCall)).toEqual([]);
  });
});

describe('pickPermitted', () => {
  const record = fullCall({ status: 'closed' });

  it("copies exactly the analyst's fields and no personal data", () => {
    const fields = permittedFields(abilityOf('analyst'), 'export', 'Call', callFields, record);
    const picked = pickPermitted(record, fields);
    expect(Object.keys(picked)).toEqual(nonPersonalFields);
    for (const field of nonPersonalFields) expect(picked[field]).toBe(record[field]);
    for (const field of personalCallFields) expect(picked).not.toHaveProperty(field);
  });

  it('copies every presented field for the dispatcher, and nothing else', () => {
    const fields = permittedFields(abilityOf('dispatcher'), 'read', 'Call', callFields, record);
    const { internalRoutingKey: _serverOnly, ...presented } = record;
    expect(pickPermitted(record, fields)).toStrictEqual(presented);
  });
});
