import {
  callFields,
  defineAbilityFor,
  permittedFields,
  type AppAbility,
  type Grantee,
  subjectRecord,
} from '@watchfloor/authz';
import { callStatusSchema } from '@watchfloor/contracts';

/*
 * Rooms are the unit of authorization on the socket: a message is shaped once for
 * a room's audience and encoded once for everyone in it. Each live room therefore
 * has an audience ability (what its messages may contain), and a user joins a room
 * only when their own ability covers everything that audience may see. Clients
 * never name a room.
 */

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const allCallsRoom = 'calls:all';
export const districtCallsRoom = (district: string) => `calls:district:${district}`;
export const allUnitsRoom = 'units:all';
export const districtUnitsRoom = (district: string) => `units:district:${district}`;

/**
 * District values that probe "every district": a call outside all districts, and a
 * code nobody is limited to. An ability that reads both is not district-limited.
 */
const anyDistrictProbes: (string | null)[] = [null, '\u0000unassigned'];

const audiences = new Map<string, AppAbility>();

/**
 * The audience of the live rooms is the supervisor of those districts (none meaning
 * all): the narrowest role the policy gives live calls and units. Abilities are
 * cached; there is one per district at most.
 */
function audience(key: string, districts: string[]): AppAbility {
  let ability = audiences.get(key);
  if (!ability) {
    ability = defineAbilityFor({ id: `room:${key}`, role: 'supervisor', districts });
    audiences.set(key, ability);
  }
  return ability;
}

/** The ability calls are presented with for a call room. */
export function callRoomAudience(district: string | null): AppAbility {
  return district === null
    ? audience(allCallsRoom, [])
    : audience(districtCallsRoom(district), [district]);
}

/** The ability units and positions are checked against for a unit room. */
export function unitRoomAudience(district: string | null): AppAbility {
  return district === null
    ? audience(allUnitsRoom, [])
    : audience(districtUnitsRoom(district), [district]);
}

/**
 * True when `user` may read every call `room` may, field by field, in every status
 * (a room also hears of calls closing) and in each of `districts`.
 */
function coversCalls(user: AppAbility, room: AppAbility, districts: (string | null)[]): boolean {
  return districts.every((district) =>
    callStatusSchema.options.every((status) => {
      const probe = { district, status };
      const roomFields = permittedFields(room, 'read', 'Call', callFields, probe);
      const userFields = permittedFields(user, 'read', 'Call', callFields, probe);
      return roomFields.every((field) => userFields.includes(field));
    }),
  );
}

/** True when `user` may read every unit and position `room` may, in each of `districts`. */
function coversUnits(user: AppAbility, room: AppAbility, districts: (string | null)[]): boolean {
  return districts.every((homeDistrict) =>
    [
      subjectRecord('Unit', { homeDistrict }),
      subjectRecord('UnitPosition', { homeDistrict }),
    ].every((probe) => !room.can('read', probe) || user.can('read', probe)),
  );
}

/**
 * The data rooms a user's sockets join: the all-districts room when their ability
 * covers it, otherwise one room per assigned district it covers. Analysts (history
 * only, without caller data), admins and integrations cover none: no live views.
 */
export function liveRoomsFor(grantee: Grantee): string[] {
  const ability = defineAbilityFor(grantee);
  const rooms: string[] = [];
  if (coversCalls(ability, callRoomAudience(null), anyDistrictProbes)) {
    rooms.push(allCallsRoom);
  } else {
    for (const district of grantee.districts) {
      if (coversCalls(ability, callRoomAudience(district), [district])) {
        rooms.push(districtCallsRoom(district));
      }
    }
  }
  if (coversUnits(ability, unitRoomAudience(null), anyDistrictProbes)) {
    rooms.push(allUnitsRoom);
  } else {
    for (const district of grantee.districts) {
      if (coversUnits(ability, unitRoomAudience(district), [district])) {
        rooms.push(districtUnitsRoom(district));
      }
    }
  }
  return rooms;
}
