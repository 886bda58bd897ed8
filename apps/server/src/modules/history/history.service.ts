import { and } from 'drizzle-orm';
import { mayReadCallerData, type AppAbility } from '@watchfloor/authz';
import {
  callReplayQuerySchema,
  historyEventsQuerySchema,
  historyPositionLookbackSeconds,
  historySnapshotQuerySchema,
  maxHistoryPositions,
  maxHistoryWindowHours,
  type CallReplay,
  type HistoryChange,
  type HistoryEvents,
  type HistorySnapshot,
} from '@watchfloor/contracts';
import { abilityFilter } from '../../authz/ability-sql.ts';
import { forbidden, HttpError, notFound, parseInput } from '../../http/errors.ts';
import type { AgencyDirectory } from '../agency/agency-directory.ts';
import { callSubject, presentCallEvent } from '../calls/calls.presenter.ts';
import { callColumns, type CallsRepo } from '../calls/calls.repo.ts';
import { unitColumns } from '../units/units.repo.ts';
import { callChanges, callStateAt, isOpen, type AgencyLookup } from './history-state.ts';
import {
  createHistoricalCallPresenter,
  mayReadPositionOf,
  mergeChanges,
  presentHistoricalUnit,
  presentPosition,
  presentReplayUnit,
  presentUnitChange,
  presentUnitRef,
} from './history.presenter.ts';
import type { HistoryRepo, PositionRow, Window } from './history.repo.ts';
import { isUuid } from '../../db/uuid.ts';

/*
 * Authorization of the time machine (docs/TIME-MACHINE.md):
 * - It needs `read Call`: dispatchers, supervisors and analysts; admins and
 *   integrations get 403.
 * - Calls are filtered and their fields picked by the ability applied to the
 *   call as it is NOW, as `GET /api/calls/:id` does: a past state never shows a
 *   call (or a field) the reader could not open today. So a supervisor sees
 *   their districts' calls; an analyst, whose rules allow finished calls only,
 *   sees the past states of calls that are closed or cancelled now (nearly all
 *   of history) but not of calls still open now, and never caller data (the
 *   time machine carries none; a replay's timeline strips it by field rule).
 * - Units need `read Unit` and positions `read UnitPosition`, each with its own
 *   district scope; analysts have neither and get calls only.
 */

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
/** How far around a call its replay reaches. */
const replayMarginMs = 5 * minuteMs;

const tooManyPositions = () =>
  new HttpError(400, 'validation_failed', 'The request is invalid', {
    issues: [
      {
        path: 'positionEverySeconds',
        message: `The window holds more than ${maxHistoryPositions} positions at this spacing; narrow the window or raise positionEverySeconds`,
      },
    ],
  });

export interface HistoryServiceDeps {
  historyRepo: HistoryRepo;
  callsRepo: Pick<CallsRepo, 'listEvents'>;
  directory: AgencyDirectory;
  now?: () => Date;
}

export function createHistoryService(deps: HistoryServiceDeps) {
  const { historyRepo, callsRepo, directory } = deps;
  const now = deps.now ?? (() => new Date());
  const agency: AgencyLookup = {
    callTypeDescription: (code) => directory.callType(code)?.description,
    locate: (point) => directory.locate(point),
  };

  function requireHistoryReader(ability: AppAbility) {
    if (ability.cannot('read', 'Call')) throw forbidden();
  }

  const callScope = (ability: AppAbility) => abilityFilter(ability, 'read', 'Call', callColumns);
  const unitScope = (ability: AppAbility) => abilityFilter(ability, 'read', 'Unit', unitColumns);
  /** Positions need both: the unit, and its positions. */
  const positionScope = (ability: AppAbility) =>
    and(unitScope(ability), abilityFilter(ability, 'read', 'UnitPosition', unitColumns))!;

  async function positionsWithin(
    window: Window,
    everySeconds: number,
    ability: AppAbility,
    ids?: readonly string[],
  ): Promise<PositionRow[]> {
    const rows = await historyRepo.positionsIn(
      window,
      everySeconds,
      positionScope(ability),
      maxHistoryPositions + 1,
      ids,
    );
    if (rows.length > maxHistoryPositions) throw tooManyPositions();
    return rows;
  }

  return {
    /** Calls open at the instant and the units as they were then. */
    async snapshot(ability: AppAbility, input: unknown): Promise<HistorySnapshot> {
      requireHistoryReader(ability);
      const query = parseInput(historySnapshotQuerySchema, input);
      const at = new Date(query.at);
      const present = createHistoricalCallPresenter(ability);
      const candidates = await historyRepo.openCallCandidates(at, callScope(ability));
      const calls = candidates.flatMap((history) => {
        const state = callStateAt(history, at, agency);
        return state && isOpen(state) ? [{ state, call: present(history.row, state) }] : [];
      });
      calls.sort(
        (a, b) =>
          a.state.priority - b.state.priority ||
          a.state.receivedAt.getTime() - b.state.receivedAt.getTime(),
      );
      const units = ability.can('read', 'Unit')
        ? await historyRepo.unitsAt(at, historyPositionLookbackSeconds, unitScope(ability))
        : [];
      return {
        at: at.toISOString(),
        positionLookbackSeconds: historyPositionLookbackSeconds,
        calls: calls.map(({ call }) => call),
        units: units.map((unit) => presentHistoricalUnit(unit, mayReadPositionOf(ability, unit))),
      };
    },

    /** Everything that changed in `(from, to]`, in time order, to replay from the snapshot at `from`. */
    async events(ability: AppAbility, input: unknown): Promise<HistoryEvents> {
      requireHistoryReader(ability);
      const query = parseInput(historyEventsQuerySchema, input);
      const window = { from: new Date(query.from), to: new Date(query.to) };
      const present = createHistoricalCallPresenter(ability);
      const histories = await historyRepo.callsChangedIn(window, callScope(ability));
      const callChangeList: HistoryChange[] = [];
      for (const history of histories) {
        for (const { at, state } of callChanges(history, window.from, window.to, agency)) {
          callChangeList.push({
            kind: 'call',
            at: at.toISOString(),
            call: present(history.row, state),
          });
        }
      }
      const readsUnits = ability.can('read', 'Unit');
      const unitEvents = readsUnits
        ? await historyRepo.unitEventsIn(window, unitScope(ability))
        : [];
      const positions =
        readsUnits && ability.can('read', 'UnitPosition')
          ? await positionsWithin(window, query.positionEverySeconds, ability)
          : [];
      const unitIds = [...new Set([...unitEvents, ...positions].map((row) => row.unitId))];
      const refs = await historyRepo.unitRefs(unitIds, unitScope(ability));
      return {
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        positionEverySeconds: query.positionEverySeconds,
        changes: mergeChanges(
          callChangeList,
          unitEvents.map(presentUnitChange),
          positions.map(presentPosition),
        ),
        units: refs.map(presentUnitRef),
      };
    },

    /** One call's minutes for an after-action review, with the units that came near it. */
    async callReplay(ability: AppAbility, id: string, input: unknown): Promise<CallReplay> {
      requireHistoryReader(ability);
      const history = isUuid(id) ? await historyRepo.callById(id) : undefined;
      if (!history || ability.cannot('read', callSubject(history.row))) throw notFound('Call');
      const query = parseInput(callReplayQuerySchema, input);
      const end = callStateAt(history, new Date(8.64e15), agency);
      if (!end) throw notFound('Call');
      const from = new Date(end.receivedAt.getTime() - replayMarginMs);
      const closedOrNow = end.closedAt ?? now();
      const naturalEnd = Math.min(closedOrNow.getTime() + replayMarginMs, now().getTime());
      const cap = from.getTime() + maxHistoryWindowHours * hourMs;
      const window = { from, to: new Date(Math.min(naturalEnd, cap)) };
      const present = createHistoricalCallPresenter(ability);
      const final = callStateAt(history, window.to, agency) ?? end;

      const readsCallerData = mayReadCallerData(ability, {
        district: history.row.district,
        status: history.row.status,
      });
      const timeline = (await callsRepo.listEvents(history.row.id)).map((event) =>
        presentCallEvent(event, readsCallerData),
      );

      const units =
        ability.can('read', 'Unit') && ability.can('read', 'UnitPosition')
          ? await replayUnits(ability, history.assignments, final, window, query)
          : [];
      return {
        window: {
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          truncated: naturalEnd > cap,
        },
        radiusMeters: query.radiusMeters,
        positionEverySeconds: query.positionEverySeconds,
        call: present(history.row, final),
        timeline,
        changes: callChanges(history, window.from, window.to, agency).map(({ at, state }) => ({
          kind: 'call' as const,
          at: at.toISOString(),
          call: present(history.row, state),
        })),
        units,
      };
    },
  };

  async function replayUnits(
    ability: AppAbility,
    assignments: { unitId: string; assignedAt: Date; clearedAt: Date | null }[],
    call: { lat: number | null; lon: number | null },
    window: Window,
    query: { radiusMeters: number; positionEverySeconds: number },
  ) {
    const assignedIds = [
      ...new Set(
        assignments
          .filter(
            (unit) =>
              unit.assignedAt <= window.to &&
              (unit.clearedAt === null || unit.clearedAt > window.from),
          )
          .map((unit) => unit.unitId),
      ),
    ];
    const scope = positionScope(ability);
    const near =
      call.lat === null || call.lon === null
        ? []
        : await historyRepo.unitsNear(
            window,
            { lat: call.lat, lon: call.lon },
            query.radiusMeters,
            scope,
            assignedIds,
          );
    const closest = new Map(near.map((unit) => [unit.unitId, unit.closestMeters]));
    const ids = [...new Set([...near.map((unit) => unit.unitId), ...assignedIds])];
    if (ids.length === 0) return [];
    const [refs, atStart, statusChanges, positions] = await Promise.all([
      historyRepo.unitRefs(ids, scope),
      historyRepo.unitsAt(window.from, 0, scope, ids),
      historyRepo.unitEventsIn(window, scope, ids),
      positionsWithin(window, query.positionEverySeconds, ability, ids),
    ]);
    const statusAtStart = new Map(atStart.map((unit) => [unit.id, unit.status]));
    const byUnit = <T extends { unitId: string }>(rows: T[]) => {
      const grouped = new Map<string, T[]>();
      for (const row of rows) {
        const list = grouped.get(row.unitId);
        if (list) list.push(row);
        else grouped.set(row.unitId, [row]);
      }
      return (unitId: string) => grouped.get(unitId) ?? [];
    };
    const changesOf = byUnit(statusChanges);
    const positionsOf = byUnit(positions);
    return refs
      .map((ref) =>
        presentReplayUnit(ref, {
          assigned: assignedIds.includes(ref.id),
          closestMeters: closest.get(ref.id) ?? null,
          statusAtStart: statusAtStart.get(ref.id) ?? null,
          statusChanges: changesOf(ref.id),
          positions: positionsOf(ref.id),
        }),
      )
      .sort(
        (a, b) =>
          Number(b.assigned) - Number(a.assigned) ||
          (a.closestMeters ?? Infinity) - (b.closestMeters ?? Infinity) ||
          a.callSign.localeCompare(b.callSign),
      );
  }
}

export type HistoryService = ReturnType<typeof createHistoryService>;
