import { personRoles, type Role } from '@watchfloor/authz';

/** Which claims of the identity provider say who a person is and what they may do. */
export interface ClaimMapping {
  roleClaim: string;
  groupsClaim: string;
  /** Group → role, read when the role claim is absent; the first listed group that maps wins. */
  groupRoles: ReadonlyMap<string, Role>;
  districtsClaim: string;
  usernameClaim: string;
  /** `amr` values any one of which means the provider asked for more than one factor. */
  mfaAmr: ReadonlySet<string>;
}

export type Claims = Record<string, unknown>;

/** What the claims map to, or why they cannot. */
export type MappedIdentity =
  | {
      username: string;
      displayName: string;
      role: Role;
      districts: string[];
      /** Whether the provider's `amr` shows a second factor. */
      providerMfa: boolean;
    }
  | { problem: 'missing_claims' | 'unmapped_role'; detail: string };

/** A claim as a list of strings: a JSON array, or one string split on spaces or commas. */
function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

const isPersonRole = (value: unknown): value is Role =>
  typeof value === 'string' && (personRoles as readonly string[]).includes(value);

function roleOf(claims: Claims, mapping: ClaimMapping): Role | undefined {
  const named = claims[mapping.roleClaim];
  if (named !== undefined) return isPersonRole(named) ? named : undefined;
  for (const group of listClaim(claims[mapping.groupsClaim])) {
    const role = mapping.groupRoles.get(group);
    if (role) return role;
  }
  return undefined;
}

/**
 * Maps a verified ID token's (and userinfo's) claims to a Watchfloor person. Only the
 * shape is checked here; whether the districts exist is the grants policy's call.
 */
export function mapClaims(claims: Claims, mapping: ClaimMapping): MappedIdentity {
  const username = claims[mapping.usernameClaim];
  if (typeof username !== 'string' || username.trim() === '') {
    return { problem: 'missing_claims', detail: mapping.usernameClaim };
  }
  const role = roleOf(claims, mapping);
  if (!role) return { problem: 'unmapped_role', detail: mapping.roleClaim };
  const name = claims.name;
  return {
    username: username.trim().slice(0, 64),
    displayName: (typeof name === 'string' && name.trim() ? name.trim() : username.trim()).slice(
      0,
      200,
    ),
    role,
    districts: [...new Set(listClaim(claims[mapping.districtsClaim]))].sort(),
    providerMfa: listClaim(claims.amr).some((method) => mapping.mfaAmr.has(method)),
  };
}

/**
 * Reads OIDC_GROUP_ROLES: a JSON object of group names to person roles. Returns the
 * problem in words when it is not one.
 */
export function parseGroupRoles(json: string | undefined): Map<string, Role> | string {
  if (json === undefined) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return 'must be a JSON object such as {"cad-dispatchers":"dispatcher"}';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'must be a JSON object such as {"cad-dispatchers":"dispatcher"}';
  }
  const entries = Object.entries(parsed);
  const wrong = entries.find(([, role]) => !isPersonRole(role));
  if (wrong) {
    return `group ${wrong[0]} maps to ${String(wrong[1])}; roles are ${personRoles.join(', ')}`;
  }
  return new Map(entries as [string, Role][]);
}
