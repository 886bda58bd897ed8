import type { Action, AppAbility, SubjectName } from '@watchfloor/authz';

/** A permission that opens a page: the user may `action` on `subject`. */
export type Permission = readonly [action: Action, subject: SubjectName];

export interface NavItem {
  id: 'map' | 'users' | 'audit';
  path: string;
  labelKey: `nav.${NavItem['id']}`;
  /** The item (and its route) is available when the user has any of these. */
  anyOf: readonly Permission[];
}

/**
 * The app's pages in menu order. The menu and the route guards both read this list, so a
 * page is reachable exactly when it is listed for the user.
 */
export const navItems = [
  {
    id: 'map',
    path: '/map',
    labelKey: 'nav.map',
    anyOf: [
      ['read', 'UnitPosition'],
      ['read', 'Call'],
    ],
  },
  { id: 'users', path: '/admin/users', labelKey: 'nav.users', anyOf: [['read', 'User']] },
  { id: 'audit', path: '/admin/audit', labelKey: 'nav.audit', anyOf: [['read', 'AuditEvent']] },
] as const satisfies readonly NavItem[];

export type NavItemId = NavItem['id'];

/** Where a signed-in user with no page lands. */
export const noAccessPath = '/no-access';

export function canOpen(ability: AppAbility, item: NavItem): boolean {
  return item.anyOf.some(([action, subject]) => ability.can(action, subject));
}

export function visibleNavItems(ability: AppAbility): NavItem[] {
  return navItems.filter((item) => canOpen(ability, item));
}

/** The first page the user may open, where sign-in and forbidden pages send them. */
export function homePath(ability: AppAbility): string {
  return visibleNavItems(ability)[0]?.path ?? noAccessPath;
}

export function navItem(id: NavItemId): NavItem {
  const item = navItems.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`Unknown navigation item ${id}`);
  return item;
}
