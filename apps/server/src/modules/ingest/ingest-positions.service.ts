import { sql } from 'drizzle-orm';
import {
  ingestPositionSchema,
  type IngestItemResult,
  type IngestPosition,
  type IngestResponse,
} from '@watchfloor/contracts';
import { distanceMeters } from '@watchfloor/domain';
import { queryRows, type Database } from '../../db/client.ts';
import type { DomainEvents, PositionUpdate } from '../../realtime/domain-events.ts';
import type { UnitRow, UnitsRepo } from '../units/units.repo.ts';
import { parseItems, rejected, summarise } from './ingest-results.ts';

/** Faster than any patrol car (250 km/h): such a jump is a bad fix, not a drive. */
const implausibleSpeedMps = 70;

interface Candidate {
  index: number;
  unit: UnitRow;
  position: IngestPosition;
  at: Date;
  flag: string | null;
}

/** Marks positions implying an impossible speed from the unit's previous fix. */
function flagJumps(candidates: Candidate[]): void {
  const previous = new Map<string, { lat: number; lon: number; at: Date }>();
  for (const candidate of [...candidates].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const { unit, position, at } = candidate;
    const last =
      previous.get(unit.id) ??
      (unit.lat !== null && unit.lon !== null && unit.positionAt !== null && unit.positionAt < at
        ? { lat: unit.lat, lon: unit.lon, at: unit.positionAt }
        : undefined);
    const seconds = last ? (at.getTime() - last.at.getTime()) / 1000 : 0;
    if (last && seconds > 0 && distanceMeters(last, position) / seconds > implausibleSpeedMps) {
      candidate.flag = 'implausible_jump';
      continue;
    }
    previous.set(unit.id, { lat: position.lat, lon: position.lon, at });
  }
}

/**
 * AVL positions, set-based: one insert for the history and one update for the
 * markers, whatever the batch size. A repeated `(unit, at)` is a duplicate; an
 * older or flagged fix goes to history without moving the marker.
 */
export function createIngestPositionsService(deps: {
  db: Database;
  unitsRepo: UnitsRepo;
  domainEvents: DomainEvents;
}) {
  const { db, unitsRepo, domainEvents } = deps;

  return {
    async ingest(items: unknown[]): Promise<IngestResponse> {
      const { valid, invalid } = parseItems(ingestPositionSchema, items, 'positions');
      const results: IngestItemResult[] = [...invalid];
      const units = new Map(
        (await unitsRepo.findByCallSigns([...new Set(valid.map(({ item }) => item.unit))])).map(
          (unit) => [unit.callSign, unit],
        ),
      );
      const candidates: Candidate[] = [];
      for (const { index, item } of valid) {
        const unit = units.get(item.unit);
        if (unit)
          candidates.push({ index, unit, position: item, at: new Date(item.at), flag: null });
        else
          results.push(
            rejected(index, 'positions', [{ path: 'unit', message: `Unknown unit ${item.unit}` }]),
          );
      }
      flagJumps(candidates);

      const { inserted, moved } = await db.transaction(async (tx) => {
        const history = candidates.map(({ unit, position, at, flag }) => ({
          unit_id: unit.id,
          at: at.toISOString(),
          lat: position.lat,
          lon: position.lon,
          heading: position.heading ?? null,
          speed: position.speed ?? null,
          accuracy: position.accuracy ?? null,
          flag,
        }));
        const inserted = await queryRows<{ unit_id: string; at: Date | string }>(
          tx,
          sql`insert into unit_positions (unit_id, at, lat, lon, heading, speed, accuracy, flag)
              select unit_id, at, lat, lon, heading, speed, accuracy, flag
              from jsonb_to_recordset(${JSON.stringify(history)}::jsonb)
                as x(unit_id uuid, at timestamptz, lat float8, lon float8, heading float8, speed float8, accuracy float8, flag text)
              on conflict (unit_id, at) do nothing
              returning unit_id, at`,
        );
        const insertedKeys = new Set(
          inserted.map((row) => `${row.unit_id}|${new Date(row.at).getTime()}`),
        );
        const latest = new Map<string, Candidate>();
        for (const candidate of candidates) {
          if (candidate.flag || !insertedKeys.has(`${candidate.unit.id}|${candidate.at.getTime()}`))
            continue;
          const best = latest.get(candidate.unit.id);
          if (!best || candidate.at > best.at) latest.set(candidate.unit.id, candidate);
        }
        const markers = [...latest.values()].map(({ unit, position, at }) => ({
          id: unit.id,
          lat: position.lat,
          lon: position.lon,
          heading: position.heading ?? null,
          speed: position.speed ?? null,
          accuracy: position.accuracy ?? null,
          at: at.toISOString(),
        }));
        const moved = await queryRows<{ id: string }>(
          tx,
          sql`update units u set lat = v.lat, lon = v.lon, heading = v.heading, speed = v.speed,
                accuracy = v.accuracy, position_at = v.at,
                last_heard_at = greatest(coalesce(u.last_heard_at, v.at), v.at)
              from jsonb_to_recordset(${JSON.stringify(markers)}::jsonb)
                as v(id uuid, lat float8, lon float8, heading float8, speed float8, accuracy float8, at timestamptz)
              where u.id = v.id and (u.position_at is null or u.position_at < v.at)
              returning u.id`,
        );
        return {
          inserted: insertedKeys,
          moved: new Map(moved.map((row) => [row.id, latest.get(row.id)!])),
        };
      });

      for (const candidate of candidates) {
        const key = `${candidate.unit.id}|${candidate.at.getTime()}`;
        if (!inserted.has(key)) results.push({ index: candidate.index, outcome: 'duplicate' });
        else if (moved.get(candidate.unit.id) === candidate)
          results.push({ index: candidate.index, outcome: 'applied' });
        else
          results.push({
            index: candidate.index,
            outcome: 'history',
            issues: [
              {
                path: `positions.${candidate.index}`,
                message: candidate.flag
                  ? 'Implausible jump from the previous position; kept in history only'
                  : 'Older than the unit’s latest position; kept in history only',
              },
            ],
          });
      }
      const updates: PositionUpdate[] = [...moved.values()].map(({ unit, position, at }) => ({
        unitId: unit.id,
        callSign: unit.callSign,
        homeDistrict: unit.homeDistrict,
        lat: position.lat,
        lon: position.lon,
        heading: position.heading ?? null,
        speed: position.speed ?? null,
        at: at.toISOString(),
      }));
      if (updates.length > 0) domainEvents.emit('positions:accepted', updates);
      return summarise(results);
    },
  };
}

export type IngestPositionsService = ReturnType<typeof createIngestPositionsService>;
