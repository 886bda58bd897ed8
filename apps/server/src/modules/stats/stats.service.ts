import { and, gte, inArray, lt } from 'drizzle-orm';
import type { AppAbility } from '@watchfloor/authz';
import {
  defaultShifts,
  groupKeyDimensions,
  officerInitiatedExcludedMetrics,
  responseTimeCallsQuerySchema,
  responseTimeHistogramQuerySchema,
  responseTimeQuerySchema,
  type AgencyConfig,
  type IntervalMetric,
  type ResponseTimeCalls,
  type ResponseTimeCallsQuery,
  type ResponseTimeHistogram,
  type ResponseTimeQuery,
  type ResponseTimeStats,
} from '@watchfloor/contracts';
import { abilityFilter } from '../../authz/ability-sql.ts';
import { calls } from '../../db/schema.ts';
import { forbidden, HttpError, parseInput } from '../../http/errors.ts';
import { decodeCursor } from './stats.cursor.ts';
import type { DrillDownPlan } from './stats.drilldown.repo.ts';
import { presentCallsPage, presentHistogram } from './stats.drilldown.presenter.ts';
import { presentResponseTimes } from './stats.presenter.ts';
import type { StatsRepo } from './stats.repo.ts';
import { districtIn } from '../calls/call-filters.ts';

export interface StatsServiceDeps {
  statsRepo: StatsRepo;
  agency: AgencyConfig;
}

/** Columns that ability conditions on `ResponseStats` refer to. */
const responseStatsColumns = { district: calls.district, status: calls.status };

/** Target seconds per priority level for a metric; levels without one are left out. */
function targetsFor(agency: AgencyConfig, metric: IntervalMetric): Map<number, number> {
  return new Map(
    agency.priorities.flatMap((priority) => {
      const seconds = priority.targets[metric];
      return seconds === undefined ? [] : [[priority.level, seconds] as const];
    }),
  );
}

/** The calls a request covers: its period and filters, within what the caller may read. */
function callsCovered(ability: AppAbility, query: Omit<ResponseTimeQuery, 'groupBy'>) {
  return and(
    abilityFilter(ability, 'read', 'ResponseStats', responseStatsColumns),
    gte(calls.receivedAt, new Date(query.from)),
    lt(calls.receivedAt, new Date(query.to)),
    query.district ? districtIn(query.district) : undefined,
    query.priority ? inArray(calls.priority, query.priority) : undefined,
    query.callType ? inArray(calls.callType, query.callType) : undefined,
  )!;
}

const officerExcludedFor = (query: Pick<ResponseTimeQuery, 'metric' | 'includeOfficerInitiated'>) =>
  !query.includeOfficerInitiated && officerInitiatedExcludedMetrics.includes(query.metric);

/** Response-time statistics (`docs/METRICS.md`). Every method checks the ability first. */
export function createStatsService({ statsRepo, agency }: StatsServiceDeps) {
  const calendar = { timeZone: agency.timeZone, shifts: agency.shifts ?? defaultShifts };

  /** The calls of one group, as the aggregate would count them. */
  function drillDownPlan(
    ability: AppAbility,
    query: Omit<ResponseTimeCallsQuery, 'status' | 'limit' | 'cursor'>,
  ): DrillDownPlan {
    const names = calendar.shifts.map((shift) => shift.name);
    if (query.shift !== undefined && !names.includes(query.shift))
      throw new HttpError(400, 'validation_failed', 'The request is invalid', {
        issues: [{ path: 'shift', message: `Expected one of the shifts: ${names.join(', ')}` }],
      });
    return {
      metric: query.metric,
      where: callsCovered(ability, query),
      excludeOfficerInitiated: officerExcludedFor(query),
      calendar,
      keys: groupKeyDimensions.flatMap((dimension) => {
        const value = query[dimension];
        return value === undefined ? [] : [{ dimension, value }];
      }),
    };
  }

  return {
    async responseTimes(ability: AppAbility, input: unknown): Promise<ResponseTimeStats> {
      if (ability.cannot('read', 'ResponseStats')) throw forbidden();
      const query = parseInput(responseTimeQuerySchema, input);
      // A target belongs to a priority, so it applies only to groups of one priority.
      const targets = query.groupBy.includes('priority') ? targetsFor(agency, query.metric) : null;
      const rows = await statsRepo.responseTimes({
        metric: query.metric,
        dimensions: query.groupBy,
        where: callsCovered(ability, query),
        excludeOfficerInitiated: officerExcludedFor(query),
        calendar,
        targetsByPriority: targets,
      });
      return presentResponseTimes(query, rows, targets);
    },

    /** The calls behind one group of `responseTimes`, included and excluded, a page at a time. */
    async responseTimeCalls(ability: AppAbility, input: unknown): Promise<ResponseTimeCalls> {
      if (ability.cannot('read', 'ResponseStats')) throw forbidden();
      const query = parseInput(responseTimeCallsQuerySchema, input);
      const rows = await statsRepo.callsPage({
        ...drillDownPlan(ability, query),
        status: query.status,
        limit: query.limit,
        after: query.cursor === undefined ? null : decodeCursor(query.cursor),
      });
      return presentCallsPage(query, rows);
    },

    /** How the included intervals of one group (or all calls) are distributed. */
    async responseTimeHistogram(
      ability: AppAbility,
      input: unknown,
    ): Promise<ResponseTimeHistogram> {
      if (ability.cannot('read', 'ResponseStats')) throw forbidden();
      const query = parseInput(responseTimeHistogramQuerySchema, input);
      const rows = await statsRepo.histogram({
        ...drillDownPlan(ability, query),
        bucketSeconds: query.bucketSeconds,
        maxBuckets: query.maxBuckets,
      });
      return presentHistogram(query, rows);
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
