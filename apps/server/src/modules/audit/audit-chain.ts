import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The audit log's hash chain. Each row carries the hash of the row before it and a hash
 * of its own content together with that link, so editing, removing or reordering a row
 * breaks every link after it; signed checkpoints pin the chain, so recomputing it after
 * tampering is caught too. The content hashed is what the row stores, canonicalised
 * (RFC 8785), so anyone can recompute it from the table alone.
 */
export interface ChainedContent {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  ip: string | null;
  /** Absent from rows written before user agents were recorded, and then left out of the hash. */
  userAgent?: string | null;
  requestId: string | null;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  details: unknown;
}

/** The link before a chain's first row. */
export function genesisHash(chain: string): string {
  return createHash('sha256').update(`watchfloor audit chain ${chain}`).digest('hex');
}

export function chainHash(prevHash: string, row: ChainedContent): string {
  const content = canonicalize({
    v: 1,
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorUsername: row.actorUsername,
    ip: row.ip,
    requestId: row.requestId,
    action: row.action,
    outcome: row.outcome,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: row.details,
    // Only when present, so rows chained before the column existed still verify.
    ...(row.userAgent === null || row.userAgent === undefined ? {} : { userAgent: row.userAgent }),
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

/** Signs and checks checkpoints with a key the database does not hold. */
export function createCheckpointSigner(secret: string) {
  const key = Buffer.from(hkdfSync('sha256', secret, 'watchfloor-audit', 'checkpoint', 32));
  const mac = (message: string) => createHmac('sha256', key).update(message).digest('hex');
  const matches = (expected: string, signature: string) => {
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(Buffer.from(expected), given);
  };
  const sign = (lastEventId: number, lastHash: string) => mac(`${lastEventId}:${lastHash}`);
  // A distinct message, so a checkpoint's signature can never pass for a chain start's.
  const signStart = (firstEventId: number, prevHash: string) =>
    mac(`start:${firstEventId}:${prevHash}`);
  return {
    sign,
    verify(lastEventId: number, lastHash: string, signature: string) {
      return matches(sign(lastEventId, lastHash), signature);
    },
    /** Signs where the chain starts after retention removed the rows before it. */
    signStart,
    verifyStart(firstEventId: number, prevHash: string, signature: string) {
      return matches(signStart(firstEventId, prevHash), signature);
    },
  };
}

export type CheckpointSigner = ReturnType<typeof createCheckpointSigner>;
