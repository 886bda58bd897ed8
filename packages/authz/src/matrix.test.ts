import { describe, expect, it } from 'vitest';
import { defineAbilityFor, type AppAbility, type Grantee } from './ability.ts';
import { asSubject, personas, sampleRecords } from './test-fixtures.ts';
import {
  actions,
  roles,
  subjects,
  type Action,
  type Role,
  type SubjectName,
} from './vocabulary.ts';

/** Allowed on the subject type and on every record. */
const A = 'allow';
/** Denied on the subject type and on every record. */
const D = 'deny';
/** Allowed only on records inside the role's scope (see `scopes`), denied outside it. */
const S = 'scoped';
type Decision = typeof A | typeof D | typeof S;

// Partial on purpose: a cell left out must fail the exhaustiveness test by name.
type DecisionTable = Partial<
  Record<Role, Partial<Record<SubjectName, Partial<Record<Action, Decision>>>>>
>;

/** The written policy, one cell per role × action × subject. */
// prettier-ignore
const table: DecisionTable = {
  dispatcher: {
    Call:          { read: A, create: A, update: A, delete: D, assign: A, close: A, ingest: D, export: D },
    Unit:          { read: A, create: D, update: A, delete: D, assign: D, close: D, ingest: D, export: D },
    UnitPosition:  { read: A, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    ResponseStats: { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    User:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AgencyConfig:  { read: A, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AuditEvent:    { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    IntegrationToken: { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
  },
  supervisor: {
    Call:          { read: S, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    Unit:          { read: S, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    UnitPosition:  { read: S, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    ResponseStats: { read: S, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    User:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AgencyConfig:  { read: A, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AuditEvent:    { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    IntegrationToken: { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
  },
  analyst: {
    Call:          { read: S, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: S },
    Unit:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    UnitPosition:  { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    ResponseStats: { read: S, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: S },
    User:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AgencyConfig:  { read: A, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AuditEvent:    { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    IntegrationToken: { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
  },
  admin: {
    Call:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    Unit:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    UnitPosition:  { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    ResponseStats: { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    User:          { read: A, create: A, update: A, delete: A, assign: D, close: D, ingest: D, export: D },
    AgencyConfig:  { read: A, create: D, update: A, delete: D, assign: D, close: D, ingest: D, export: D },
    AuditEvent:    { read: A, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: A },
    IntegrationToken: { read: A, create: A, update: D, delete: A, assign: D, close: D, ingest: D, export: D },
  },
  integration: {
    Call:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: A, export: D },
    Unit:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    UnitPosition:  { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: A, export: D },
    ResponseStats: { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    User:          { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AgencyConfig:  { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    AuditEvent:    { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
    IntegrationToken: { read: D, create: D, update: D, delete: D, assign: D, close: D, ingest: D, export: D },
  },
};

interface Scope {
  inScope: Record<string, unknown>[];
  outOfScope: Record<string, unknown>[];
}

/** Records on each side of a scoped role's conditions; the supervisor's are for district 1. */
const scopes: Partial<Record<Role, Partial<Record<SubjectName, Scope>>>> = {
  supervisor: {
    Call: {
      inScope: [
        { district: '1', status: 'dispatched' },
        { district: '1', status: 'closed' },
      ],
      outOfScope: [{ district: '2', status: 'dispatched' }, { status: 'pending' }],
    },
    Unit: { inScope: [{ homeDistrict: '1' }], outOfScope: [{ homeDistrict: '2' }, {}] },
    UnitPosition: { inScope: [{ homeDistrict: '1' }], outOfScope: [{ homeDistrict: '2' }, {}] },
    ResponseStats: { inScope: [{ district: '1' }], outOfScope: [{ district: '2' }, {}] },
  },
  analyst: {
    Call: {
      inScope: [
        { district: '1', status: 'closed' },
        { district: '2', status: 'cancelled' },
      ],
      outOfScope: [{ status: 'pending' }, { status: 'dispatched' }, { status: 'onscene' }, {}],
    },
    ResponseStats: {
      inScope: [
        { district: '1', status: 'closed' },
        { district: null, status: 'cancelled' },
      ],
      outOfScope: [{ district: '1', status: 'enroute' }, { status: 'pending' }, {}],
    },
  },
};

const cells = roles.flatMap((role) =>
  subjects.flatMap((subjectName) => actions.map((action) => ({ role, action, subjectName }))),
);

/** Policy: a supervisor with no assigned districts sees every district. */
function scopeCoversEverything(grantee: Grantee): boolean {
  return grantee.role === 'supervisor' && grantee.districts.length === 0;
}

function expectOnRecords(
  ability: AppAbility,
  action: Action,
  subjectName: SubjectName,
  records: Record<string, unknown>[],
  allowed: boolean,
): void {
  for (const record of records) {
    const target = asSubject(subjectName, record);
    expect(ability.can(action, target), `${action} ${JSON.stringify(record)}`).toBe(allowed);
  }
}

describe('the decision table', () => {
  it('decides every role × action × subject cell of the vocabulary', () => {
    const missing = cells
      .filter(({ role, action, subjectName }) => !table[role]?.[subjectName]?.[action])
      .map(({ role, action, subjectName }) => `${role} ${action} ${subjectName}`);
    expect(missing, `No decision for: ${missing.join(', ')}`).toEqual([]);
  });

  it('decides no cell outside the vocabulary', () => {
    const known = new Set(cells.map((cell) => `${cell.role} ${cell.action} ${cell.subjectName}`));
    const stale = Object.entries(table).flatMap(([role, bySubject]) =>
      Object.entries(bySubject).flatMap(([subjectName, byAction]) =>
        Object.keys(byAction).map((action) => `${role} ${action} ${subjectName}`),
      ),
    );
    expect(stale.filter((cell) => !known.has(cell))).toEqual([]);
  });

  it('gives every scoped cell records on both sides of its scope', () => {
    const unscoped = cells
      .filter(({ role, action, subjectName }) => table[role]?.[subjectName]?.[action] === S)
      .filter(({ role, subjectName }) => {
        const scope = scopes[role]?.[subjectName];
        return !scope || scope.inScope.length === 0 || scope.outOfScope.length === 0;
      })
      .map(({ role, action, subjectName }) => `${role} ${action} ${subjectName}`);
    expect(unscoped, `No scope records for: ${unscoped.join(', ')}`).toEqual([]);
  });
});

describe.each(personas)('$label', ({ grantee }) => {
  const ability = defineAbilityFor(grantee);
  const ownCells = cells.filter((cell) => cell.role === grantee.role);

  it.each(ownCells)('$action $subjectName', ({ role, action, subjectName }) => {
    const decision = table[role]?.[subjectName]?.[action];
    const records = sampleRecords[subjectName];
    if (decision === A || decision === D) {
      const allowed = decision === A;
      expect(ability.can(action, subjectName), `${action} ${subjectName}`).toBe(allowed);
      expectOnRecords(ability, action, subjectName, records, allowed);
    } else if (decision === S) {
      const scope = scopes[role]?.[subjectName] ?? { inScope: [], outOfScope: [] };
      // On the bare type CASL answers "on some records".
      expect(ability.can(action, subjectName), `${action} ${subjectName}`).toBe(true);
      expectOnRecords(ability, action, subjectName, scope.inScope, true);
      const allowedOutside = scopeCoversEverything(grantee);
      expectOnRecords(ability, action, subjectName, scope.outOfScope, allowedOutside);
    } else {
      expect.fail(`No decision for ${role} ${action} ${subjectName}`);
    }
  });
});
