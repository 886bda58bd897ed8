import type { AuditAction } from '@watchfloor/authz';
import type { AuditOutcome } from '@watchfloor/contracts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

/** What one rolled-up row is about; equal keys within a window share a row. */
export interface RollupKey {
  action: AuditAction;
  outcome: AuditOutcome;
  actor: Actor;
  subjectType?: string;
  subjectId?: string;
  /** Operational details that tell rows apart (a route, a method). */
  details?: Record<string, string>;
}

interface Tally {
  key: RollupKey;
  counts: Record<string, number>;
  routes: Set<string> | undefined;
  from: Date;
  to: Date;
}

/**
 * Audit rows for events too frequent to write one by one (a feed's every request,
 * a script hammering a forbidden route): counted in memory and written as one row
 * per key — action, outcome, actor and address, subject, details — per window,
 * with the counts and the first and last time seen. `flush` runs on a timer
 * (`main.ts`, every minute) and at shutdown; what a crash loses is at most one window.
 */
export function createAuditRollup(auditService: AuditService) {
  let tallies = new Map<string, Tally>();

  return {
    /** Adds `counts` to the key's tally; `route` is collected into the row's `routes`. */
    count(key: RollupKey, counts: Record<string, number>, route?: string): void {
      const id = JSON.stringify([
        key.action,
        key.outcome,
        key.actor.userId,
        key.actor.username,
        key.actor.ip,
        key.subjectType,
        key.subjectId,
        key.details,
      ]);
      const now = new Date();
      let tally = tallies.get(id);
      if (!tally) {
        tally = { key, counts: {}, routes: undefined, from: now, to: now };
        tallies.set(id, tally);
      }
      tally.to = now;
      for (const [name, value] of Object.entries(counts)) {
        tally.counts[name] = (tally.counts[name] ?? 0) + value;
      }
      if (route !== undefined) (tally.routes ??= new Set()).add(route);
    },

    /** Writes a row per tally counted since the last flush, and starts new ones. */
    async flush(): Promise<void> {
      const written = tallies;
      tallies = new Map();
      for (const { key, counts, routes, from, to } of written.values()) {
        await auditService.record(key.actor, {
          action: key.action,
          outcome: key.outcome,
          ...(key.subjectType ? { subjectType: key.subjectType } : {}),
          ...(key.subjectId ? { subjectId: key.subjectId } : {}),
          details: {
            ...key.details,
            ...counts,
            ...(routes ? { routes: [...routes].sort() } : {}),
            from: from.toISOString(),
            to: to.toISOString(),
          },
        });
      }
    },
  };
}

export type AuditRollup = ReturnType<typeof createAuditRollup>;
