import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
  type MongoQuery,
  type RawRuleOf,
} from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import {
  callFields,
  finishedCallStatuses,
  personalCallFields,
  type Action,
  type Role,
  type SubjectName,
} from './vocabulary.ts';

/** A record tagged with its subject type (see `subject()`), so conditions can be checked. */
export type SubjectRecord = {
  [S in SubjectName]: ForcedSubject<S> & Record<string, unknown>;
}[SubjectName];
export type AppSubject = SubjectName | SubjectRecord;
export type AppAbility = MongoAbility<[Action, AppSubject], MongoQuery>;
export type AppRule = RawRuleOf<AppAbility>;
export type PackedRules = PackRule<AppRule>[];

/** The part of a user that decides what they may do. */
export interface Grantee {
  id: string;
  role: Role;
  /** District codes a dispatcher or supervisor is limited to; empty means every district. */
  districts: readonly string[];
}

const nonPersonalCallFields = callFields.filter(
  (field) => !(personalCallFields as readonly string[]).includes(field),
);

type Builder = AbilityBuilder<AppAbility>;

function districtScope(districts: readonly string[]): { district?: { $in: string[] } } {
  return districts.length > 0 ? { district: { $in: [...districts] } } : {};
}

function homeDistrictScope(districts: readonly string[]): { homeDistrict?: { $in: string[] } } {
  return districts.length > 0 ? { homeDistrict: { $in: [...districts] } } : {};
}

const rulesByRole: Record<Role, (builder: Builder, grantee: Grantee) => void> = {
  dispatcher({ can }, { districts }) {
    // A dispatcher on a district's channel works that district's calls and units only.
    can(['read', 'create', 'update', 'assign', 'close'], 'Call', districtScope(districts));
    can(['read', 'update'], 'Unit', homeDistrictScope(districts));
    can('read', 'UnitPosition', homeDistrictScope(districts));
    can('read', 'AgencyConfig');
  },
  supervisor({ can }, { districts }) {
    can('read', 'Call', districtScope(districts));
    can('read', 'Unit', homeDistrictScope(districts));
    can('read', 'UnitPosition', homeDistrictScope(districts));
    can('read', 'ResponseStats', districtScope(districts));
    // The agency's districts, beats, call types and targets: needed to draw any map or scorecard.
    can('read', 'AgencyConfig');
  },
  analyst({ can }) {
    // History only, and never the caller's personal data.
    const history = { status: { $in: [...finishedCallStatuses] } };
    can('read', 'Call', nonPersonalCallFields, history);
    can('export', 'Call', nonPersonalCallFields, history);
    // Statistics over history too: a live call's figures would show the live queue.
    can(['read', 'export'], 'ResponseStats', history);
    can('read', 'AgencyConfig');
  },
  admin({ can }) {
    can(['read', 'create', 'update', 'delete'], 'User');
    can(['read', 'update'], 'AgencyConfig');
    // Reading the audit log and taking it away as CSV (each export audited with its purpose).
    can(['read', 'export'], 'AuditEvent');
    // Issue (create) and revoke (delete) feed credentials; a token is shown only once.
    can(['read', 'create', 'delete'], 'IntegrationToken');
  },
  integration({ can }) {
    can('ingest', ['Call', 'UnitPosition']);
  },
};

/** Builds the ability of a signed-in user. Anything not granted here is denied. */
export function defineAbilityFor(grantee: Grantee): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  rulesByRole[grantee.role](builder, grantee);
  return builder.build();
}

/** Rules in the compact form sent to the browser (`GET /api/me`). */
export function packAbilityRules(ability: AppAbility): PackedRules {
  return packRules(ability.rules);
}

/** Rebuilds an ability from packed rules, as the web app does. */
export function abilityFromPackedRules(packed: PackedRules): AppAbility {
  return createMongoAbility<AppAbility>(unpackRules(packed));
}
