import {
  ingestUnitEventSchema,
  type IngestItemResult,
  type IngestResponse,
  type IngestUnitEvent,
} from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import { HttpError } from '../../http/errors.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { Actor } from '../audit/actor.ts';
import type { UnitRow, UnitsRepo } from '../units/units.repo.ts';
import { changeUnitStatus, DuplicateEventError } from '../units/unit-workflow.ts';
import { parseItems, refusedByDatabase, rejected, summarise } from './ingest-results.ts';

/**
 * The CAD's unit roster and unit status changes. A new call sign creates the
 * unit; a status change goes through the unit state machine; an event older
 * than the unit's current status is recorded as history only.
 */
export function createIngestUnitsService(deps: {
  db: Database;
  unitsRepo: UnitsRepo;
  domainEvents: DomainEvents;
}) {
  const { db, unitsRepo, domainEvents } = deps;

  async function applyOne(
    tx: Database,
    source: string,
    event: IngestUnitEvent,
    actor: Actor,
  ): Promise<{ outcome: 'applied' | 'history'; unit: UnitRow }> {
    const at = new Date(event.at);
    const [existing] = await unitsRepo.lockByCallSigns([event.callSign], tx);
    const change = { actor, source, sourceEventId: event.sourceEventId, at };
    if (!existing) {
      if (!event.homeDistrict)
        throw new HttpError(422, 'item_rejected', 'A new unit needs homeDistrict', {
          issues: [{ path: 'homeDistrict', message: 'Required for a new unit' }],
        });
      const unit = await unitsRepo.insert(
        {
          callSign: event.callSign,
          type: event.type ?? 'patrol',
          homeDistrict: event.homeDistrict,
          status: 'off_duty',
          statusSince: at,
        },
        tx,
      );
      return {
        outcome: 'applied',
        unit: await changeUnitStatus(unitsRepo, tx, unit, {
          ...change,
          to: event.status ?? 'available',
        }),
      };
    }
    const roster = {
      ...(event.type ? { type: event.type } : {}),
      ...(event.homeDistrict ? { homeDistrict: event.homeDistrict } : {}),
    };
    const base =
      Object.keys(roster).length > 0 ? await unitsRepo.update(existing.id, roster, tx) : existing;
    if (!event.status || event.status === base.status || at < base.statusSince) {
      // Nothing to move: record the report so a repeat is recognised, without changing state.
      const inserted = await unitsRepo.insertEvent(
        {
          unitId: base.id,
          at,
          fromStatus: base.status,
          toStatus: event.status ?? base.status,
          callId: base.currentCallId,
          actor: actor.username,
          source,
          sourceEventId: event.sourceEventId,
        },
        tx,
      );
      if (!inserted) throw new DuplicateEventError();
      return { outcome: Object.keys(roster).length > 0 ? 'applied' : 'history', unit: base };
    }
    const leavesCall =
      event.status === 'available' ||
      event.status === 'off_duty' ||
      event.status === 'out_of_service';
    return {
      outcome: 'applied',
      unit: await changeUnitStatus(unitsRepo, tx, base, {
        ...change,
        to: event.status,
        callId: leavesCall ? null : undefined,
      }),
    };
  }

  return {
    async ingest(actor: Actor, source: string, items: unknown[]): Promise<IngestResponse> {
      const { valid, invalid } = parseItems(ingestUnitEventSchema, items, 'events');
      const results: IngestItemResult[] = [...invalid];
      const ordered = [...valid].sort(
        (a, b) => Date.parse(a.item.at) - Date.parse(b.item.at) || a.index - b.index,
      );
      for (const { index, item } of ordered) {
        if (await unitsRepo.unitEventExists(source, item.sourceEventId)) {
          results.push({ index, outcome: 'duplicate' });
          continue;
        }
        try {
          const { outcome, unit } = await db.transaction((tx) => applyOne(tx, source, item, actor));
          results.push({ index, outcome });
          if (outcome === 'applied')
            domainEvents.emit('unit:changed', { unitId: unit.id, homeDistrict: unit.homeDistrict });
        } catch (error) {
          if (error instanceof DuplicateEventError) results.push({ index, outcome: 'duplicate' });
          else if (error instanceof HttpError && error.status < 500)
            results.push(
              rejected(index, 'events', error.issues ?? [{ path: '', message: error.message }]),
            );
          else {
            const refused = refusedByDatabase(index, 'events', error);
            if (!refused) throw error;
            results.push(refused);
          }
        }
      }
      return summarise(results);
    },
  };
}

export type IngestUnitsService = ReturnType<typeof createIngestUnitsService>;
