import {
  abilityFromPackedRules,
  defineAbilityFor,
  packAbilityRules,
  roles,
  type Role,
} from '@watchfloor/authz';
import { describe, expect, it } from 'vitest';
import { homePath, noAccessPath, visibleNavItems, type Viewer } from './navigation.ts';

// The web only ever sees packed rules from `/api/me`, so build the ability the same way.
function viewerFor(role: Role, districts: string[] = []): Viewer {
  const serverAbility = defineAbilityFor({ id: `user-${role}`, role, districts });
  return { ability: abilityFromPackedRules(packAbilityRules(serverAbility)), user: { districts } };
}

const expectedPaths: Record<Role, string[]> = {
  dispatcher: ['/map', '/units', '/hotspots', '/history'],
  supervisor: ['/map', '/units', '/stats', '/hotspots', '/history'],
  analyst: ['/stats', '/hotspots', '/history', '/exports'],
  admin: ['/admin/users', '/admin/integrations', '/admin/audit'],
  integration: [],
};

describe('navigation per role', () => {
  it.each(roles)('%s sees exactly its menu items', (role) => {
    const paths = visibleNavItems(viewerFor(role)).map((item) => item.path);
    expect(paths).toEqual(expectedPaths[role]);
  });

  it.each(roles)('%s lands on its first menu item', (role) => {
    expect(homePath(viewerFor(role))).toBe(expectedPaths[role][0] ?? noAccessPath);
  });

  it('shows the live pages to a supervisor limited to some districts', () => {
    const ids = visibleNavItems(viewerFor('supervisor', ['D1'])).map((item) => item.id);
    expect(ids).toEqual(['map', 'units', 'stats', 'hotspots', 'history']);
  });

  it('keeps analysts out of every live page: they read finished calls only', () => {
    const ids = visibleNavItems(viewerFor('analyst')).map((item) => item.id);
    expect(ids).not.toContain('map');
    expect(ids).not.toContain('units');
  });

  it('covers every role in the expectations', () => {
    expect(Object.keys(expectedPaths).sort()).toEqual([...roles].sort());
  });
});
