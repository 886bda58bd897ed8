import type { IntegrationTokenView } from '@watchfloor/contracts';
import type { TokenRow } from './tokens.repo.ts';

/** Never the token or its hash: only what an administrator needs to recognise it. */
export function presentToken(row: TokenRow): IntegrationTokenView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
