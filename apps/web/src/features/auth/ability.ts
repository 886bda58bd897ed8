import { abilityFromPackedRules, type AppAbility, type PackedRules } from '@watchfloor/authz';
import type { MeResponse } from '@watchfloor/contracts';
import { useAbility } from '@casl/react';

/** The user's ability, rebuilt from the rules the server packed for them. */
export function abilityOf(user: MeResponse): AppAbility {
  // The contract only checks the outer shape; the server produced these with `packAbilityRules`.
  return abilityFromPackedRules(user.rules as PackedRules);
}

export const useAppAbility: () => AppAbility = useAbility<AppAbility>;
