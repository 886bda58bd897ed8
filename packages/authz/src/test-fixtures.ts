/**
 * Users and records shared by the authz test suites. Not exported from the package.
 */
import { subject } from '@casl/ability';
import type { Grantee, SubjectRecord } from './ability.ts';
import { roles, type SubjectName } from './vocabulary.ts';

export interface Persona {
  label: string;
  grantee: Grantee;
}

/**
 * One user per role, and the supervisor twice: limited to district 1, and with no
 * districts assigned (which the policy reads as every district).
 */
export const personas: Persona[] = roles.flatMap((role): Persona[] => {
  const grantee = (districts: string[]): Grantee => ({ id: `${role}-1`, role, districts });
  if (role !== 'supervisor') return [{ label: role, grantee: grantee([]) }];
  return [
    { label: 'supervisor of district 1', grantee: grantee(['1']) },
    { label: 'supervisor of all districts', grantee: grantee([]) },
  ];
});

type SampleRecord = Record<string, unknown>;

/**
 * Representative records per subject. They span districts 1 and 2 and live and finished
 * calls, so every scoped rule has records on both sides of its conditions.
 */
export const sampleRecords: Record<SubjectName, SampleRecord[]> = {
  Call: [
    { id: 'c1', district: '1', status: 'dispatched' },
    { id: 'c2', district: '1', status: 'closed' },
    { id: 'c3', district: '2', status: 'onscene' },
    { id: 'c4', district: '2', status: 'cancelled' },
    { id: 'c5', status: 'pending' },
  ],
  Unit: [
    { id: 'u1', homeDistrict: '1' },
    { id: 'u2', homeDistrict: '2' },
  ],
  UnitPosition: [
    { unitId: 'u1', homeDistrict: '1' },
    { unitId: 'u2', homeDistrict: '2' },
  ],
  ResponseStats: [
    { district: '1', status: 'closed' },
    { district: '2', status: 'dispatched' },
  ],
  User: [{ id: 'user-1' }],
  AgencyConfig: [{ id: 'oakland' }],
  AuditEvent: [{ id: 'audit-1' }],
  IntegrationToken: [{ id: 'token-1' }],
};

/** Tags `record` with its subject type so CASL checks the rule conditions against it. */
export function asSubject(subjectName: SubjectName, record: SampleRecord): SubjectRecord {
  return subject(subjectName, { ...record });
}
