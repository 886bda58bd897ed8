import type { AuditEventView, AuditListQuery, AuditOutcome } from '@watchfloor/contracts';
import { storableAuditDetails, type AppAbility, type AuditAction } from '@watchfloor/authz';
import type { Database } from '../../db/client.ts';
import { forbidden } from '../../http/errors.ts';
import type { Actor } from './actor.ts';
import { auditEventPresenter } from './audit.presenter.ts';
import type { AuditRepo } from './audit.repo.ts';
import { storableDetails } from './audit.text.ts';
import type { CheckpointSigner } from './audit-chain.ts';
import { verifyAuditChain, type ChainReport } from './audit-verify.ts';

export interface AuditEntry {
  /** Classified in `@watchfloor/authz` (payloads.ts) with the keys of its details. */
  action: AuditAction;
  outcome: AuditOutcome;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

const noSigningKey = () =>
  new Error(
    'No key for the audit chain’s checkpoints here: set AUDIT_SIGNING_KEY (or MFA_ENCRYPTION_KEY / SESSION_SECRET) as the server has it, or use its DATA_DIR',
  );

export function createAuditService(deps: {
  auditRepo: AuditRepo;
  /** The chain's name: the agency's id. */
  chain: string;
  /** Signs checkpoints; absent, checkpoints can be neither written nor checked. */
  signer?: CheckpointSigner;
}) {
  const { auditRepo, chain, signer } = deps;
  return {
    /**
     * Writes one audit row; pass the transaction of the change it records. Personal
     * details are left out: the audit log is kept for good and read by people who
     * may not see caller data.
     */
    record(actor: Actor, entry: AuditEntry, tx?: Database): Promise<void> {
      return auditRepo.insert(
        {
          actorUserId: actor.userId,
          actorUsername: actor.username,
          ip: actor.ip,
          userAgent: actor.userAgent ?? null,
          requestId: actor.requestId,
          action: entry.action,
          outcome: entry.outcome,
          subjectType: entry.subjectType ?? null,
          subjectId: entry.subjectId ?? null,
          // Classified first (personal keys never stored), then made storable: details
          // carry caller-supplied and error text, and none of it may lose the row.
          details: storableDetails(storableAuditDetails(entry.action, entry.details ?? {})),
        },
        tx,
      );
    },

    /**
     * Signs where the chain has got to, when it has moved since the last checkpoint.
     * Run on a timer: rows after the last checkpoint are protected by their links only.
     */
    async checkpoint(): Promise<void> {
      if (!signer) throw noSigningKey();
      const head = await auditRepo.head();
      const last = (await auditRepo.checkpoints()).at(-1);
      if (!head || head.lastEventId === last?.lastEventId) return;
      await auditRepo.addCheckpoint({
        lastEventId: head.lastEventId,
        lastHash: head.lastHash,
        signature: signer.sign(head.lastEventId, head.lastHash),
      });
    },

    /**
     * Before retention removes the rows written before `cutoff`: signs where the chain
     * then starts, so `audit:verify` accepts a chain without them (see audit-verify.ts).
     * Null when no row is that old.
     */
    startChainAt(cutoff: Date) {
      if (!signer) throw noSigningKey();
      return auditRepo.startChainAt(cutoff, signer.signStart);
    },

    /** Recomputes the whole chain (`audit:verify`, the audit page). */
    verify(ability: AppAbility): Promise<ChainReport> {
      if (ability.cannot('read', 'AuditEvent')) throw forbidden();
      if (!signer) throw noSigningKey();
      return verifyAuditChain(auditRepo, chain, signer);
    },

    /** A page of the log as `ability` may see it, subjects and actors named. */
    async list(ability: AppAbility, options: AuditListQuery): Promise<AuditEventView[]> {
      if (ability.cannot('read', 'AuditEvent')) throw forbidden();
      const rows = await auditRepo.list(options);
      return rows.map(auditEventPresenter(ability, await auditRepo.labels(rows)));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
