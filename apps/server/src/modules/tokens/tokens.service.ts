import { createHash, randomBytes } from 'node:crypto';
import type { AppAbility } from '@watchfloor/authz';
import { tokenNamePattern } from '@watchfloor/contracts';
import { forbidden, HttpError, notFound } from '../../http/errors.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { TokenRow, TokensRepo } from './tokens.repo.ts';
import { isUuid } from '../../db/uuid.ts';

const tokenPrefix = 'wf_';

/** Tokens are high-entropy random strings, so a fast hash suffices (no brute force to slow down). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Integration tokens for machine clients: shown once at creation, stored only as a hash.
 * `create`, `revoke` and `list` are for trusted callers in the process (the command line
 * acting for its operator, the demo city); the `…For` methods check the person's ability.
 */
export function createTokensService(deps: { tokensRepo: TokensRepo; auditService: AuditService }) {
  const { tokensRepo, auditService } = deps;
  const touchedAt = new Map<string, number>();

  async function revokeRow(actor: Actor, row: TokenRow): Promise<void> {
    await tokensRepo.revoke(row.id);
    await auditService.record(actor, {
      action: 'token.revoke',
      outcome: 'success',
      subjectType: 'IntegrationToken',
      subjectId: row.id,
      details: { name: row.name },
    });
  }

  const service = {
    async create(actor: Actor, name: string): Promise<{ token: string; row: TokenRow }> {
      if (!tokenNamePattern.test(name)) {
        throw new HttpError(400, 'validation_failed', 'Invalid token name', {
          issues: [
            {
              path: 'name',
              message: 'Use lower-case letters, digits, dots, dashes or underscores',
            },
          ],
        });
      }
      if (await tokensRepo.findByName(name)) {
        throw new HttpError(409, 'name_taken', `A token named ${name} already exists`);
      }
      const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      const row = await tokensRepo.insert(name, hashToken(token));
      await auditService.record(actor, {
        action: 'token.create',
        outcome: 'success',
        subjectType: 'IntegrationToken',
        subjectId: row.id,
        details: { name },
      });
      return { token, row };
    },

    async revoke(actor: Actor, name: string): Promise<void> {
      const row = await tokensRepo.findByName(name);
      if (!row || row.revokedAt)
        throw new HttpError(404, 'not_found', `No active token named ${name}`);
      await revokeRow(actor, row);
    },

    list: () => tokensRepo.list(),

    listFor(ability: AppAbility): Promise<TokenRow[]> {
      if (ability.cannot('read', 'IntegrationToken')) throw forbidden();
      return tokensRepo.list();
    },

    createFor(ability: AppAbility, actor: Actor, name: string) {
      if (ability.cannot('create', 'IntegrationToken')) throw forbidden();
      return service.create(actor, name);
    },

    /** Revokes by id; revoking a revoked token changes nothing and says so (its row). */
    async revokeFor(ability: AppAbility, actor: Actor, id: string): Promise<TokenRow> {
      if (ability.cannot('delete', 'IntegrationToken')) throw forbidden();
      const row = isUuid(id) ? await tokensRepo.findById(id) : undefined;
      if (!row) throw notFound('Integration token');
      if (!row.revokedAt) await revokeRow(actor, row);
      return (await tokensRepo.findById(id)) ?? row;
    },

    /** The active token a bearer string belongs to, or undefined. */
    async authenticate(token: string): Promise<TokenRow | undefined> {
      if (!token.startsWith(tokenPrefix)) return undefined;
      const row = await tokensRepo.findActiveByHash(hashToken(token));
      // Record use at most once a minute per token: ingest is a hot path.
      if (row && Date.now() - (touchedAt.get(row.id) ?? 0) > 60_000) {
        touchedAt.set(row.id, Date.now());
        await tokensRepo.touch(row.id);
      }
      return row;
    },
  };
  return service;
}

export type TokensService = ReturnType<typeof createTokensService>;
