import type { Grantee, Role } from '@watchfloor/authz';
import type { UserRow } from '../users/users.repo.ts';

/** The signed-in user as every request sees it, reloaded from the database each time. */
export interface SessionUser extends Grantee {
  username: string;
  displayName: string;
  role: Role;
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    districts: row.districts,
  };
}
