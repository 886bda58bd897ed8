import type { Role } from '@watchfloor/authz';
import type { UserAdminView } from '@watchfloor/contracts';
import type { UserRow } from './users.repo.ts';

const noFactors = { totp: false, passkeys: 0 };

export function presentUserForAdmin(
  row: UserRow,
  secondFactors: UserAdminView['secondFactors'] = noFactors,
  now = new Date(),
): UserAdminView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    districts: row.districts,
    disabled: row.disabled,
    locked: row.lockedUntil !== null && row.lockedUntil > now,
    mustChangePassword: row.mustChangePassword,
    identityProvider: row.identityIssuer,
    secondFactors,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
