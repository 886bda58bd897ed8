import { callEventDataClasses } from '@watchfloor/authz';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RetentionPolicy } from './retention.policy.ts';
import type { RetentionCounts, RetentionCutoffs, RetentionRepo } from './retention.repo.ts';

/** The keys of call-event data that carry caller data or free text about people. */
export const personalEventKeys = Object.entries(callEventDataClasses)
  .filter(([, kind]) => kind === 'personal')
  .map(([key]) => key);

export interface RetentionRun {
  dryRun: boolean;
  /** Everything before these instants goes (ISO 8601). */
  cutoffs: Record<keyof RetentionCutoffs, string>;
  /** Removed, or with `dryRun` due now. */
  counts: RetentionCounts;
  /** Transactions the purge took (0 on a dry run). */
  batches: number;
  /** Where the audit chain starts after this purge, when audit rows went. */
  chainStartsAt: number | null;
  seconds: number;
}

const dayMs = 86_400_000;
const nothing = (): RetentionCounts => ({
  positions: 0,
  callerData: 0,
  callEvents: 0,
  sessions: 0,
  auditEvents: 0,
});

export function createRetentionService(deps: {
  retentionRepo: RetentionRepo;
  auditService: AuditService;
  policy: RetentionPolicy;
  now?: () => Date;
}) {
  const { retentionRepo, auditService, policy } = deps;
  const now = deps.now ?? (() => new Date());
  const before = (at: Date, days: number) => new Date(at.getTime() - days * dayMs);

  return {
    /**
     * Removes what is past its retention, `policy.batchSize` rows per transaction so no
     * lock is held for long; stops between batches once `signal` aborts. One audit row
     * (`retention.purge`) records each run that removed anything, or that failed; a dry
     * run only counts and is not audited, since it changes nothing.
     */
    async purge(options: {
      actor: Actor;
      dryRun?: boolean;
      signal?: AbortSignal;
    }): Promise<RetentionRun> {
      const started = now();
      const cutoffs: RetentionCutoffs = {
        positions: before(started, policy.positionsDays),
        callerData: before(started, policy.callerDataDays),
        auditEvents: before(started, policy.auditDays),
        sessions: before(started, policy.sessionsDays),
      };
      const run: RetentionRun = {
        dryRun: options.dryRun ?? false,
        cutoffs: {
          positions: cutoffs.positions.toISOString(),
          callerData: cutoffs.callerData.toISOString(),
          auditEvents: cutoffs.auditEvents.toISOString(),
          sessions: cutoffs.sessions.toISOString(),
        },
        counts: nothing(),
        batches: 0,
        chainStartsAt: null,
        seconds: 0,
      };
      const finish = () => {
        run.seconds = (Date.now() - started.getTime()) / 1000;
        return run;
      };
      if (run.dryRun) {
        run.counts = await retentionRepo.due(cutoffs, personalEventKeys);
        return finish();
      }

      /** Runs `batch` until one comes back short (or the run is stopped). */
      const drain = async (batch: () => Promise<number>) => {
        for (;;) {
          if (options.signal?.aborted) return;
          const done = await batch();
          run.batches += 1;
          if (done < policy.batchSize) return;
        }
      };
      const { counts } = run;
      try {
        await drain(async () => {
          const n = await retentionRepo.purgeSessions(cutoffs.sessions, policy.batchSize);
          counts.sessions += n;
          return n;
        });
        await drain(async () => {
          const n = await retentionRepo.purgePositions(cutoffs.positions, policy.batchSize);
          counts.positions += n;
          return n;
        });
        await drain(async () => {
          const { calls, events } = await retentionRepo.redactCallerData(
            cutoffs.callerData,
            policy.batchSize,
            personalEventKeys,
          );
          counts.callerData += calls;
          counts.callEvents += events;
          return calls;
        });
        // The chain's new start is signed before any row goes, so it verifies throughout.
        const start = await auditService.startChainAt(cutoffs.auditEvents);
        if (start) {
          await drain(async () => {
            const n = await retentionRepo.purgeAuditEvents(cutoffs.auditEvents, policy.batchSize);
            counts.auditEvents += n;
            return n;
          });
          if (counts.auditEvents > 0) run.chainStartsAt = start.firstEventId;
        }
      } catch (error) {
        await auditService.record(options.actor, {
          action: 'retention.purge',
          outcome: 'failure',
          details: { ...auditDetails(finish(), policy), error: String(error) },
        });
        throw error;
      }
      if (Object.values(counts).some((n) => n > 0)) {
        await auditService.record(options.actor, {
          action: 'retention.purge',
          outcome: 'success',
          details: auditDetails(finish(), policy),
        });
      }
      return finish();
    },
  };
}

function auditDetails(run: RetentionRun, policy: RetentionPolicy) {
  return {
    ...run.counts,
    retentionDays: {
      positions: policy.positionsDays,
      callerData: policy.callerDataDays,
      auditEvents: policy.auditDays,
      sessions: policy.sessionsDays,
    },
    batches: run.batches,
    chainStartsAt: run.chainStartsAt,
    seconds: run.seconds,
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
