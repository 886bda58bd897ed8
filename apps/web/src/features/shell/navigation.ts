import type { AppAbility } from '@watchfloor/authz';
import type { MeResponse } from '@watchfloor/contracts';
import { hasLiveAccess, liveAccessOf } from '../live/liveAccess.ts';

/** Who is looking: their ability and the districts they are limited to. */
export interface Viewer {
  ability: AppAbility;
  user: Pick<MeResponse, 'districts'>;
}

export interface NavItem {
  id:
    | 'map'
    | 'units'
    | 'stats'
    | 'hotspots'
    | 'history'
    | 'exports'
    | 'users'
    | 'integrations'
    | 'audit';
  path: string;
  labelKey: `nav.${NavItem['id']}`;
  /** The item (and its route) is available when this holds for the viewer. */
  opens: (viewer: Viewer) => boolean;
}

/**
 * Live views need live data the viewer may see (open calls or units), asked of the ability;
 * analysts read only finished calls, so they never get a live page.
 */
const hasLiveViews = ({ ability, user }: Viewer) => hasLiveAccess(liveAccessOf(ability, user));

/**
 * The app's pages in menu order. The menu and the route guards both read this list, so a
 * page is reachable exactly when it is listed for the user.
 */
export const navItems = [
  { id: 'map', path: '/map', labelKey: 'nav.map', opens: hasLiveViews },
  {
    id: 'units',
    path: '/units',
    labelKey: 'nav.units',
    opens: (viewer) => liveAccessOf(viewer.ability, viewer.user).units,
  },
  {
    id: 'stats',
    path: '/stats',
    labelKey: 'nav.stats',
    opens: ({ ability }) => ability.can('read', 'ResponseStats'),
  },
  {
    id: 'hotspots',
    path: '/hotspots',
    labelKey: 'nav.hotspots',
    opens: ({ ability }) => ability.can('read', 'Call'),
  },
  {
    id: 'history',
    path: '/history',
    labelKey: 'nav.history',
    opens: ({ ability }) => ability.can('read', 'Call'),
  },
  {
    id: 'exports',
    path: '/exports',
    labelKey: 'nav.exports',
    opens: ({ ability }) => ability.can('export', 'Call') || ability.can('export', 'ResponseStats'),
  },
  {
    id: 'users',
    path: '/admin/users',
    labelKey: 'nav.users',
    opens: ({ ability }) => ability.can('read', 'User'),
  },
  {
    id: 'integrations',
    path: '/admin/integrations',
    labelKey: 'nav.integrations',
    opens: ({ ability }) => ability.can('read', 'IntegrationToken'),
  },
  {
    id: 'audit',
    path: '/admin/audit',
    labelKey: 'nav.audit',
    opens: ({ ability }) => ability.can('read', 'AuditEvent'),
  },
] as const satisfies readonly NavItem[];

export type NavItemId = NavItem['id'];

/** Where a signed-in user with no page lands. */
/** Every signed-in person's own account page (their password). */
export const accountPath = '/account';

export const noAccessPath = '/no-access';

export function canOpen(viewer: Viewer, item: NavItem): boolean {
  return item.opens(viewer);
}

export function visibleNavItems(viewer: Viewer): NavItem[] {
  return navItems.filter((item) => canOpen(viewer, item));
}

/** The first page the user may open, where sign-in and forbidden pages send them. */
export function homePath(viewer: Viewer): string {
  return visibleNavItems(viewer)[0]?.path ?? noAccessPath;
}

export function navItem(id: NavItemId): NavItem {
  const item = navItems.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`Unknown navigation item ${id}`);
  return item;
}
