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
 *
 * Retention removes the oldest rows after signing where the chain then starts (the first
 * kept row's id and the link it carries): the first row must carry exactly that link, and
 * checkpoints of removed rows are no longer looked for. While a purge is under way the
 * first row may lie before the newest start; the rows from it on are still checked, and
 * the row at the start must carry the signed link.
 */
export async function verifyAuditChain(
  auditRepo: AuditRepo,
  chain: string,
  signer: CheckpointSigner,
): Promise<ChainReport> {
  const checkpoints = await auditRepo.checkpoints();
  const starts = await auditRepo.chainStarts();
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

  for (const start of starts) {
    if (!signer.verifyStart(start.firstEventId, start.prevHash, start.signature)) {
      return fail(
        null,
        `chain start ${start.id} (at #${start.firstEventId}) is not signed by this server's key: forged or altered`,
      );
    }
  }
  const newestStart = starts.at(-1);
  // The link a row must carry when it is the first at or past a signed start.
  const startCrossed = (fromId: number, row: { id: number }) =>
    starts.findLast((start) => start.firstEventId > fromId && start.firstEventId <= row.id);

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
      // A purge under way: rows before the newest start may go, so the first may link to one gone.
      const purging = !previous && newestStart !== undefined && newestStart.firstEventId > row.id;
      const crossed = startCrossed(previous?.id ?? 0, row);
      if (crossed && row.prevHash !== crossed.prevHash && !purging) {
        return fail(
          row.id,
          `#${row.id} does not carry the link chain start ${crossed.id} signed: rows were removed or changed around it`,
        );
      }
      const expectedPrev = previous?.hash ?? crossed?.prevHash ?? genesisHash(chain);
      if (row.prevHash !== expectedPrev && !purging) {
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

  // Checkpoints of rows retention removed are covered by the signed start.
  const missing = [...pendingCheckpoints.values()].find(
    (checkpoint) => !newestStart || checkpoint.lastEventId >= newestStart.firstEventId,
  );
  if (missing) {
    return fail(
      missing.lastEventId,
      `checkpoint ${missing.id} signed #${missing.lastEventId}, which is no longer in the log: removed`,
    );
  }
  const head = await auditRepo.head();
  // Every row removed by retention, none written since: the start takes over from the head.
  const allPurged =
    !previous &&
    newestStart !== undefined &&
    head !== undefined &&
    newestStart.firstEventId > head.lastEventId &&
    newestStart.prevHash === head.lastHash;
  if (head && !allPurged && head.lastEventId !== (previous?.id ?? 0)) {
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
