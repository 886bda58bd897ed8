import type { AuditChainReport } from '@watchfloor/contracts';
import { chainHash, genesisHash, type CheckpointSigner } from './audit-chain.ts';
import type { AuditRepo } from './audit.repo.ts';

/** The report's shape is the API's (`@watchfloor/contracts`): one source for both. */
export type ChainReport = AuditChainReport;

const pageSize = 2_000;

/**
 * Walks the audit log in id order and recomputes every link. Names the first row whose
 * content no longer matches its hash (edited), whose link does not reach the row before
 * it (a row removed, or rows reordered), any row written around the chain, a missing
 * tail (the head records a later row), and any checkpoint that is forged or no longer
 * matches (the chain was recomputed after tampering).
 */
export async function verifyAuditChain(
  auditRepo: AuditRepo,
  chain: string,
  signer: CheckpointSigner,
): Promise<ChainReport> {
  const checkpoints = await auditRepo.checkpoints();
  const pendingCheckpoints = new Map(checkpoints.map((c) => [c.lastEventId, c]));
  const report: ChainReport = {
    ok: false,
    chainedRows: 0,
    unchainedRows: 0,
    verifiedThrough: null,
    checkpointsVerified: 0,
    lastCheckpoint: null,
    problem: null,
  };
  const fail = (eventId: number | null, reason: string) => {
    report.problem = { eventId, reason };
    return report;
  };

  for (const checkpoint of checkpoints) {
    if (!signer.verify(checkpoint.lastEventId, checkpoint.lastHash, checkpoint.signature)) {
      return fail(
        null,
        `checkpoint ${checkpoint.id} (at #${checkpoint.lastEventId}) is not signed by this server's key: forged or altered`,
      );
    }
  }

  let previous: { id: number; hash: string } | null = null;
  let afterId = 0;
  for (;;) {
    const rows = await auditRepo.pageAfter(afterId, pageSize);
    for (const row of rows) {
      afterId = row.id;
      if (row.hash === null || row.prevHash === null) {
        if (previous)
          return fail(
            row.id,
            `#${row.id} has no hash but comes after the chain began: written around it`,
          );
        report.unchainedRows += 1;
        continue;
      }
      const expectedPrev = previous?.hash ?? genesisHash(chain);
      if (row.prevHash !== expectedPrev) {
        return fail(
          row.id,
          previous
            ? `#${row.id} does not link to #${previous.id}, the row before it: a row between them was removed, or rows were reordered`
            : `#${row.id}, the first chained row, does not link to the chain's start: earlier rows were removed`,
        );
      }
      if (chainHash(row.prevHash, row) !== row.hash) {
        return fail(row.id, `#${row.id} no longer matches its hash: its content was changed`);
      }
      const checkpoint = pendingCheckpoints.get(row.id);
      if (checkpoint) {
        if (checkpoint.lastHash !== row.hash) {
          return fail(
            row.id,
            `checkpoint ${checkpoint.id} signed a different #${row.id}: the chain was recomputed after tampering`,
          );
        }
        pendingCheckpoints.delete(row.id);
        report.checkpointsVerified += 1;
        report.lastCheckpoint = { eventId: row.id, at: checkpoint.at.toISOString() };
      }
      previous = { id: row.id, hash: row.hash };
      report.chainedRows += 1;
      report.verifiedThrough = { eventId: row.id, at: row.at.toISOString() };
    }
    if (rows.length < pageSize) break;
  }

  const missing = [...pendingCheckpoints.values()][0];
  if (missing) {
    return fail(
      missing.lastEventId,
      `checkpoint ${missing.id} signed #${missing.lastEventId}, which is no longer in the log: removed`,
    );
  }
  const head = await auditRepo.head();
  if (head && head.lastEventId !== (previous?.id ?? 0)) {
    return fail(
      head.lastEventId,
      `the chain's head records #${head.lastEventId}, but the log ends at #${previous?.id ?? 0}: the last rows were removed`,
    );
  }
  if (head && previous && head.lastHash !== previous.hash) {
    return fail(
      previous.id,
      `the chain's head does not match #${previous.id}: the last row was replaced`,
    );
  }
  if (!head && previous) return fail(null, 'the chain has rows but no head: the head was removed');
  report.ok = true;
  return report;
}
