import { subjectRecord, type AppAbility } from '@watchfloor/authz';
import type { MeResponse } from '@watchfloor/contracts';
import { openCallStatuses } from '@watchfloor/domain';

export interface LiveAccess {
  /** May see open calls as they change (dispatchers, supervisors in their districts). */
  calls: boolean;
  /** May see units and where they are. */
  units: boolean;
}

/**
 * What live data the user's ability covers, asked of the ability rather than of the role:
 * an open call in one of their districts (or anywhere, when not limited), and units. Analysts
 * read only finished calls and admins no calls at all, so neither gets a socket.
 */
export function liveAccessOf(ability: AppAbility, user: Pick<MeResponse, 'districts'>): LiveAccess {
  const districts: (string | null)[] = user.districts.length > 0 ? user.districts : [null];
  const calls = districts.some((district) =>
    openCallStatuses.some((status) =>
      ability.can('read', subjectRecord('Call', { status, district })),
    ),
  );
  const units = districts.some((homeDistrict) =>
    ability.can('read', subjectRecord('UnitPosition', { homeDistrict })),
  );
  return { calls, units };
}

export function hasLiveAccess(access: LiveAccess): boolean {
  return access.calls || access.units;
}
