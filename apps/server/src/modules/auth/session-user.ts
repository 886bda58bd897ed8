import type { Grantee, Role } from '@watchfloor/authz';
import type { UserRow } from '../users/users.repo.ts';
import {
  defaultPasswordPolicy,
  isPasswordExpired,
  type PasswordPolicy,
} from '../users/password-policy.ts';

/** The signed-in user as every request sees it, reloaded from the database each time. */
export interface SessionUser extends Grantee {
  username: string;
  displayName: string;
  role: Role;
  /** Only a new password may be chosen until this is false (one-time or expired password). */
  passwordChangeRequired: boolean;
}

export function toSessionUser(
  row: UserRow,
  passwordPolicy: PasswordPolicy = defaultPasswordPolicy,
): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    districts: row.districts,
    // An account of the identity provider has no password here to change or expire.
    passwordChangeRequired:
      row.identityIssuer === null &&
      (row.mustChangePassword || isPasswordExpired(row.passwordChangedAt, passwordPolicy)),
  };
}
