import { and, gte, inArray, lt } from 'drizzle-orm';
import type { AppAbility } from '@watchfloor/authz';
import {
  defaultShifts,
  officerInitiatedExcludedMetrics,
  responseTimeQuerySchema,
  type AgencyConfig,
  type IntervalMetric,
  type ResponseTimeQuery,
  type ResponseTimeStats,
} from '@watchfloor/contracts';
import { abilityFilter } from '../../authz/ability-sql.ts';
import { calls } from '../../db/schema.ts';
import { forbidden, parseInput } from '../../http/errors.ts';
import { presentResponseTimes } from './stats.presenter.ts';
import type { StatsRepo } from './stats.repo.ts';

export interface StatsServiceDeps {
  statsRepo: StatsRepo;
  agency: AgencyConfig;
}

/** Columns that ability conditions on `ResponseStats` refer to. */
const responseStatsColumns = { district: calls.district };

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
function callsCovered(ability: AppAbility, query: ResponseTimeQuery) {
  return and(
    abilityFilter(ability, 'read', 'ResponseStats', responseStatsColumns),
    gte(calls.receivedAt, new Date(query.from)),
    lt(calls.receivedAt, new Date(query.to)),
    query.district ? inArray(calls.district, query.district) : undefined,
    query.priority ? inArray(calls.priority, query.priority) : undefined,
    query.callType ? inArray(calls.callType, query.callType) : undefined,
  )!;
}

/** Response-time statistics (`docs/METRICS.md`). Every method checks the ability first. */
export function createStatsService({ statsRepo, agency }: StatsServiceDeps) {
  const calendar = { timeZone: agency.timeZone, shifts: agency.shifts ?? defaultShifts };

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
        excludeOfficerInitiated:
          !query.includeOfficerInitiated && officerInitiatedExcludedMetrics.includes(query.metric),
        calendar,
        targetsByPriority: targets,
      });
      return presentResponseTimes(query, rows, targets);
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
