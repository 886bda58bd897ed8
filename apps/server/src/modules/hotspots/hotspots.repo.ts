import { and, gte, lt, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import { calls } from '../../db/schema.ts';

/** A call's location and which window it falls in; nothing else leaves the database. */
export interface CallPoint {
  lat: number | null;
  lon: number | null;
  previous: boolean;
}

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** SQL only: the caller's scope and filters arrive as `where`. */
export function createHotspotsRepo(db: Database) {
  return {
    /** Points received in [previousFrom, to), marked by window (`previous`: before `from`). */
    points(where: SQL, window: { previousFrom: Date; from: Date; to: Date }): Promise<CallPoint[]> {
      return queryRows<CallPoint>(
        db,
        sql`select ${calls.lat} as lat, ${calls.lon} as lon,
              ${calls.receivedAt} < ${window.from} as previous
            from ${calls}
            where ${and(where, gte(calls.receivedAt, window.previousFrom), lt(calls.receivedAt, window.to))}`,
      );
    },

    /** Call ids inside a bounding box, with their location, most recent first. */
    idsWithin(where: SQL, bounds: Bounds, limit: number) {
      return db
        .select({ id: calls.id, lat: calls.lat, lon: calls.lon })
        .from(calls)
        .where(
          and(
            where,
            sql`${calls.lat} between ${bounds.south} and ${bounds.north}`,
            sql`${calls.lon} between ${bounds.west} and ${bounds.east}`,
          ),
        )
        .orderBy(sql`${calls.receivedAt} desc`)
        .limit(limit);
    },
  };
}

export type HotspotsRepo = ReturnType<typeof createHotspotsRepo>;
