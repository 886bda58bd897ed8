import { defineAbilityFor, packAbilityRules } from '@watchfloor/authz';
import type { MeResponse } from '@watchfloor/contracts';
import type { SessionUser } from './session-user.ts';

/** The signed-in user with the packed rules the web app builds its ability from. */
export function presentMe(user: SessionUser): MeResponse {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    districts: [...user.districts],
    rules: packAbilityRules(defineAbilityFor(user)),
    passwordChangeRequired: user.passwordChangeRequired,
  };
}
