import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import { units } from '../../db/schema.ts';
import { asDate, idList, iso, type Window } from './history-sql.ts';

/*
 * SQL only: units, their status changes and positions at an instant or over a
 * window. `scope` filters come from the service and refer to the unaliased
 * `units` table.
 */

export interface HistoricalUnitRow {
  id: string;
  callSign: string;
  type: string;
  homeDistrict: string;
  status: string | null;
  statusSince: Date | null;
  callId: string | null;
  position: {
    lat: number;
    lon: number;
    heading: number | null;
    speed: number | null;
    accuracy: number | null;
    at: Date;
  } | null;
}

export interface UnitEventRow {
  unitId: string;
  at: Date;
  status: string;
  callId: string | null;
}

export interface PositionRow {
  unitId: string;
  at: Date;
  lat: number;
  lon: number;
  heading: number | null;
  speed: number | null;
}

export interface UnitRefRow {
  id: string;
  callSign: string;
  type: string;
  homeDistrict: string;
}

const metresFrom = (lat: number, lon: number) => sql`(2 * 6371008.8 * asin(least(1, sqrt(
  power(sin(radians(p.lat - ${lat}::float8) / 2), 2)
  + cos(radians(${lat}::float8)) * cos(radians(p.lat))
    * power(sin(radians(p.lon - ${lon}::float8) / 2), 2)))))`;

export function createUnitHistoryRepo(db: Database) {
  return {
    async unitsAt(
      at: Date,
      lookbackSeconds: number,
      scope: SQL,
      ids?: readonly string[],
    ): Promise<HistoricalUnitRow[]> {
      const t = iso(at);
      const rows = await queryRows<{
        id: string;
        call_sign: string;
        type: string;
        home_district: string;
        status: string | null;
        status_since: Date | string | null;
        call_id: string | null;
        lat: number | null;
        lon: number | null;
        heading: number | null;
        speed: number | null;
        accuracy: number | null;
        position_at: Date | string | null;
      }>(
        db,
        sql`
          select ${units.id} as id, ${units.callSign} as call_sign, ${units.type} as type,
            ${units.homeDistrict} as home_district, s.to_status as status, s.at as status_since,
            s.call_id, p.lat, p.lon, p.heading, p.speed, p.accuracy, p.at as position_at
          from ${units}
          left join lateral (
            select e.to_status, e.at, e.call_id from unit_events e
            where e.unit_id = ${units.id} and e.at <= ${t}::timestamptz
            order by e.at desc, e.id desc limit 1
          ) s on true
          left join lateral (
            select p.lat, p.lon, p.heading, p.speed, p.accuracy, p.at from unit_positions p
            where p.unit_id = ${units.id} and p.at <= ${t}::timestamptz
              and p.at > ${t}::timestamptz - make_interval(secs => ${lookbackSeconds}::float8)
              and p.flag is null
            order by p.at desc limit 1
          ) p on true
          where ${scope} and ${
            ids ? sql`${units.id} in ${idList(ids)}` : sql`(s.at is not null or p.at is not null)`
          }
          order by ${units.homeDistrict}, ${units.callSign}`,
      );
      return rows.map((row) => ({
        id: row.id,
        callSign: row.call_sign,
        type: row.type,
        homeDistrict: row.home_district,
        status: row.status,
        statusSince: row.status_since === null ? null : asDate(row.status_since),
        callId: row.call_id,
        position:
          row.position_at === null
            ? null
            : {
                lat: row.lat!,
                lon: row.lon!,
                heading: row.heading,
                speed: row.speed,
                accuracy: row.accuracy,
                at: asDate(row.position_at),
              },
      }));
    },

    /** Unit status changes in the window, in time order (`unit_events (at)`). */
    async unitEventsIn(
      window: Window,
      scope: SQL,
      ids?: readonly string[],
    ): Promise<UnitEventRow[]> {
      const rows = await queryRows<{
        unit_id: string;
        at: Date | string;
        to_status: string;
        call_id: string | null;
      }>(
        db,
        sql`
          select e.unit_id, e.at, e.to_status, e.call_id
          from unit_events e join ${units} on ${units.id} = e.unit_id
          where e.at > ${iso(window.from)}::timestamptz and e.at <= ${iso(window.to)}::timestamptz
            and ${scope} ${ids ? sql`and e.unit_id in ${idList(ids)}` : sql``}
          order by e.at, e.id`,
      );
      return rows.map((row) => ({
        unitId: row.unit_id,
        at: asDate(row.at),
        status: row.to_status,
        callId: row.call_id,
      }));
    },

    /**
     * Unflagged positions in the window, at most one per unit per
     * `everySeconds` (the first of each epoch-aligned bucket, so adjacent
     * windows thin alike), in time order; at most `limit` rows.
     */
    async positionsIn(
      window: Window,
      everySeconds: number,
      scope: SQL,
      limit: number,
      ids?: readonly string[],
    ): Promise<PositionRow[]> {
      const rows = await queryRows<{
        unit_id: string;
        at: Date | string;
        lat: number;
        lon: number;
        heading: number | null;
        speed: number | null;
      }>(
        db,
        sql`
          select unit_id, at, lat, lon, heading, speed from (
            select distinct on (p.unit_id, b.bucket)
              p.unit_id, p.at, p.lat, p.lon, p.heading, p.speed
            from unit_positions p join ${units} on ${units.id} = p.unit_id
            cross join lateral (
              select floor(date_part('epoch', p.at) / ${everySeconds}::float8) as bucket
            ) b
            where p.at > ${iso(window.from)}::timestamptz and p.at <= ${iso(window.to)}::timestamptz
              and p.flag is null and ${scope} ${ids ? sql`and p.unit_id in ${idList(ids)}` : sql``}
            order by p.unit_id, b.bucket, p.at
          ) thinned
          order by at, unit_id
          limit ${limit}::int`,
      );
      return rows.map((row) => ({
        unitId: row.unit_id,
        at: asDate(row.at),
        lat: row.lat,
        lon: row.lon,
        heading: row.heading,
        speed: row.speed,
      }));
    },

    /**
     * Units that came within `radiusMeters` of a point during the window, plus
     * the `alwaysIds` units, each with its closest approach. A bounding box
     * narrows the positions before the exact distance is computed.
     */
    async unitsNear(
      window: Window,
      point: { lat: number; lon: number },
      radiusMeters: number,
      scope: SQL,
      alwaysIds: readonly string[],
    ): Promise<{ unitId: string; closestMeters: number }[]> {
      const latSpan = radiusMeters / 110_000;
      const lonSpan =
        radiusMeters / (110_000 * Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)));
      const distance = metresFrom(point.lat, point.lon);
      const always = sql`p.unit_id in ${idList(alwaysIds)}`;
      const rows = await queryRows<{ unit_id: string; closest: number }>(
        db,
        sql`
          select p.unit_id, min(${distance}) as closest
          from unit_positions p join ${units} on ${units.id} = p.unit_id
          where p.at > ${iso(window.from)}::timestamptz and p.at <= ${iso(window.to)}::timestamptz
            and p.flag is null and ${scope}
            and ((p.lat between ${point.lat - latSpan}::float8 and ${point.lat + latSpan}::float8
              and p.lon between ${point.lon - lonSpan}::float8 and ${point.lon + lonSpan}::float8)
              or ${always})
          group by p.unit_id
          having min(${distance}) <= ${radiusMeters}::float8 or ${always}`,
      );
      return rows.map((row) => ({ unitId: row.unit_id, closestMeters: Number(row.closest) }));
    },

    /** Names of the given units within the scope. */
    async unitRefs(ids: readonly string[], scope: SQL): Promise<UnitRefRow[]> {
      if (ids.length === 0) return [];
      const rows = await queryRows<{
        id: string;
        call_sign: string;
        type: string;
        home_district: string;
      }>(
        db,
        sql`
          select ${units.id} as id, ${units.callSign} as call_sign, ${units.type} as type,
            ${units.homeDistrict} as home_district
          from ${units}
          where ${units.id} in ${idList(ids)} and ${scope}
          order by ${units.callSign}`,
      );
      return rows.map((row) => ({
        id: row.id,
        callSign: row.call_sign,
        type: row.type,
        homeDistrict: row.home_district,
      }));
    },
  };
}
