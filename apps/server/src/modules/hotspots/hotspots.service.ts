import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppAbility } from '@watchfloor/authz';
import {
  hotspotExportSchema,
  hotspotQuerySchema,
  type AgencyConfig,
  type HotspotCellCalls,
  type HotspotQuery,
  type HotspotResponse,
} from '@watchfloor/contracts';
import { getResolution, isValidCell } from 'h3-js';
import { abilityFilter } from '../../authz/ability-sql.ts';
import { calls } from '../../db/schema.ts';
import { forbidden, HttpError, parseInput } from '../../http/errors.ts';
import { callColumns, type CallsRepo } from '../calls/calls.repo.ts';
import { presentCall } from '../calls/calls.presenter.ts';
import { cellBounds, countByCell, isInCell } from './hotspots.grid.ts';
import { hotspotCsv, type HotspotTable } from './hotspots.csv.ts';
import type { HotspotsRepo } from './hotspots.repo.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';

export interface HotspotsServiceDeps {
  hotspotsRepo: HotspotsRepo;
  callsRepo: CallsRepo;
  auditService: AuditService;
  agency: Pick<AgencyConfig, 'id' | 'timeZone'>;
}

/** The most calls a hexagon's list returns (newest first). */
const cellCallsLimit = 200;

const invalidCell = (cell: string) =>
  new HttpError(400, 'validation_failed', 'The request is invalid', {
    issues: [{ path: 'cell', message: `${cell} is not an H3 cell index` }],
  });

export function createHotspotsService(deps: HotspotsServiceDeps) {
  const { hotspotsRepo, callsRepo, auditService, agency } = deps;
  /** The calls a request counts, apart from the window: scope, origin and filters. */
  function covered(ability: AppAbility, query: HotspotQuery): SQL {
    const localHour = sql`date_part('hour', ${calls.receivedAt} at time zone ${agency.timeZone})`;
    return and(
      abilityFilter(ability, 'read', 'Call', callColumns),
      eq(calls.officerInitiated, query.origin === 'officer'),
      query.callType ? inArray(calls.callType, query.callType) : undefined,
      query.priority ? inArray(calls.priority, query.priority) : undefined,
      query.district ? inArray(calls.district, query.district) : undefined,
      query.hour
        ? sql`${localHour} in (${sql.join(
            query.hour.map((hour) => sql`${hour}`),
            sql`, `,
          )})`
        : undefined,
    )!;
  }

  function parse(ability: AppAbility, input: unknown): HotspotQuery {
    if (ability.cannot('read', 'Call')) throw forbidden();
    return parseInput(hotspotQuerySchema, input);
  }

  async function grid(ability: AppAbility, input: unknown): Promise<HotspotResponse> {
    const query = parse(ability, input);
    const from = new Date(query.from);
    const to = new Date(query.to);
    const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
    const points = await hotspotsRepo.points(covered(ability, query), { previousFrom, from, to });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      previous: { from: previousFrom.toISOString(), to: from.toISOString() },
      resolution: query.resolution,
      origin: query.origin,
      ...countByCell(points, query.resolution),
    };
  }

  return {
    /** Calls per hexagon for the window, with the previous window of equal length beside it. */
    grid,

    /**
     * The hexagon table as CSV, for those who may export calls; the purpose, filters and row
     * count go to the audit log. Counts only: no call, so no personal data, is in it.
     */
    async exportTable(ability: AppAbility, actor: Actor, input: unknown): Promise<HotspotTable> {
      if (ability.cannot('export', 'Call')) {
        // Refused exports are on record like granted ones (CJIS AU-2), as for call exports.
        await auditService.record(actor, { action: 'hotspots.export', outcome: 'denied' });
        throw forbidden();
      }
      const { purpose } = parseInput(hotspotExportSchema, input);
      const table = await grid(ability, input);
      await auditService.record(actor, {
        action: 'hotspots.export',
        outcome: 'success',
        details: { purpose, format: 'csv', rows: table.cells.length, filters: input },
      });
      return {
        filename: `${agency.id}-hotspots-${table.from.slice(0, 10)}-to-${table.to.slice(0, 10)}-exported-${new Date().toISOString().replaceAll(':', '')}.csv`,
        csv: hotspotCsv(table),
      };
    },

    /** The calls of one hexagon in the window (field rules applied), newest first. */
    async cellCalls(ability: AppAbility, cell: string, input: unknown): Promise<HotspotCellCalls> {
      const query = parse(ability, input);
      if (!isValidCell(cell)) throw invalidCell(cell);
      const resolution = getResolution(cell);
      const where = and(
        covered(ability, query),
        sql`${calls.receivedAt} >= ${new Date(query.from)} and ${calls.receivedAt} < ${new Date(query.to)}`,
      )!;
      // The box is a little larger than the hexagon: read a margin, keep the exact matches.
      const candidates = await hotspotsRepo.idsWithin(where, cellBounds(cell), cellCallsLimit * 3);
      const inside = candidates.filter((point) => isInCell(point, cell, resolution));
      const ids = inside.slice(0, cellCallsLimit).map((point) => point.id);
      const rows = ids.length
        ? await callsRepo.list(inArray(calls.id, ids), { limit: ids.length })
        : [];
      const assigned = await callsRepo.listAssignedUnits(rows.map((row) => row.id));
      const order = new Map(ids.map((id, index) => [id, index]));
      return {
        cell,
        calls: rows
          .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
          .map((row) => presentCall(row, assigned, ability)),
        truncated: inside.length > ids.length || candidates.length === cellCallsLimit * 3,
      };
    },
  };
}

export type HotspotsService = ReturnType<typeof createHotspotsService>;
