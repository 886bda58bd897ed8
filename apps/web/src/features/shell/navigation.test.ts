import {
  abilityFromPackedRules,
  defineAbilityFor,
  packAbilityRules,
  roles,
  type Role,
} from '@watchfloor/authz';
import { describe, expect, it } from 'vitest';
import { homePath, noAccessPath, visibleNavItems } from './navigation.ts';

// The web only ever sees packed rules from `/api/me`, so build the ability the same way.
function abilityForRole(role: Role, districts: string[] = []) {
  const serverAbility = defineAbilityFor({ id: `user-${role}`, role, districts });
  return abilityFromPackedRules(packAbilityRules(serverAbility));
}

const expectedPaths: Record<Role, string[]> = {
  dispatcher: ['/map'],
  supervisor: ['/map'],
  analyst: ['/map'],
  admin: ['/admin/users', '/admin/audit'],
  integration: [],
};

describe('navigation per role', () => {
  it.each(roles)('%s sees exactly its menu items', (role) => {
    const paths = visibleNavItems(abilityForRole(role)).map((item) => item.path);
    expect(paths).toEqual(expectedPaths[role]);
  });

  it.each(roles)('%s lands on its first menu item', (role) => {
    expect(homePath(abilityForRole(role))).toBe(expectedPaths[role][0] ?? noAccessPath);
  });

  it('shows the map to a supervisor limited to some districts', () => {
    const ability = abilityForRole('supervisor', ['D1']);
    expect(visibleNavItems(ability).map((item) => item.id)).toEqual(['map']);
  });

  it('covers every role in the expectations', () => {
    expect(Object.keys(expectedPaths).sort()).toEqual([...roles].sort());
  });
});
