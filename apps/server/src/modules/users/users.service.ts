import type { AppAbility, Role } from '@watchfloor/authz';
import {
  createUserRequestSchema,
  createUserWithPasswordSchema,
  updateGrantsRequestSchema,
  type CreateUserWithPassword,
} from '@watchfloor/contracts';
import type { Database } from '../../db/client.ts';
import { forbidden, HttpError, notFound, parseInput } from '../../http/errors.ts';
import type { Actor } from '../audit/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DomainEvents } from '../../realtime/domain-events.ts';
import type { SessionsRepo } from '../auth/sessions.repo.ts';
import type { MfaService } from '../mfa/mfa.service.ts';
import type { EnrolledFactors } from '../mfa/mfa.repo.ts';
import { grantProblems } from './grants-policy.ts';
import { checkNewPassword, type PasswordPolicy } from './password-policy.ts';
import { generateOneTimePassword, hashPassword } from './passwords.ts';
import type { UserRow, UsersRepo } from './users.repo.ts';
import { isUuid } from '../../db/uuid.ts';

export function createUsersService(deps: {
  db: Database;
  usersRepo: UsersRepo;
  sessionsRepo: SessionsRepo;
  mfaService: MfaService;
  auditService: AuditService;
  domainEvents: DomainEvents;
  /** The agency's district codes, which grants may name. */
  agencyDistricts: ReadonlySet<string>;
  passwordPolicy: PasswordPolicy;
}) {
  const { db, usersRepo, sessionsRepo, mfaService, auditService, domainEvents, agencyDistricts } =
    deps;

  function checkGrants(grants: Parameters<typeof grantProblems>[0]) {
    const problems = grantProblems(grants, agencyDistricts);
    if (problems.length > 0) {
      throw new HttpError(400, 'validation_failed', 'These grants do not fit the role', {
        issues: problems,
      });
    }
  }

  async function checkNewAccount(request: { username: string; role: Role; districts: string[] }) {
    checkGrants(request);
    if (await usersRepo.findByUsername(request.username)) {
      throw new HttpError(409, 'username_taken', 'That username is already taken', {
        issues: [{ path: 'username', message: 'Already taken' }],
      });
    }
  }

  function insertAudited(
    actor: Actor,
    request: { username: string; displayName?: string; role: Role; districts: string[] },
    passwordHash: string,
    mustChangePassword: boolean,
  ): Promise<UserRow> {
    return db.transaction(async (tx) => {
      const user = await usersRepo.insert(
        {
          username: request.username,
          displayName: request.displayName ?? request.username,
          role: request.role,
          districts: request.districts,
          passwordHash,
          mustChangePassword,
        },
        tx,
      );
      await auditService.record(
        actor,
        {
          action: 'user.create',
          outcome: 'success',
          subjectType: 'User',
          subjectId: user.id,
          details: {
            username: user.username,
            role: user.role,
            districts: user.districts,
            oneTimePassword: mustChangePassword,
          },
        },
        tx,
      );
      return user;
    });
  }

  async function findOrNotFound(ability: AppAbility, id: string): Promise<UserRow> {
    const user = isUuid(id) ? await usersRepo.findById(id) : undefined;
    if (!user || ability.cannot('read', 'User')) throw notFound('User');
    return user;
  }

  return {
    /** An account whose password an operator chose (command line, demo seeding). */
    async create(
      ability: AppAbility,
      actor: Actor,
      input: CreateUserWithPassword,
    ): Promise<UserRow> {
      if (ability.cannot('create', 'User')) throw forbidden();
      const request = parseInput(createUserWithPasswordSchema, input);
      await checkNewAccount(request);
      const problems = await checkNewPassword(
        request.password,
        request.username,
        deps.passwordPolicy,
      );
      if (problems.length > 0) {
        throw new HttpError(400, 'validation_failed', 'The password is not acceptable', {
          issues: problems,
        });
      }
      return insertAudited(actor, request, await hashPassword(request.password), false);
    },

    /**
     * An account created from the product: the server chooses a one-time password, answered
     * once here, which its holder must replace at the first sign-in.
     */
    async createWithOneTimePassword(
      ability: AppAbility,
      actor: Actor,
      input: unknown,
    ): Promise<{ user: UserRow; oneTimePassword: string }> {
      if (ability.cannot('create', 'User')) throw forbidden();
      const request = parseInput(createUserRequestSchema, input);
      await checkNewAccount(request);
      const oneTimePassword = generateOneTimePassword();
      const user = await insertAudited(actor, request, await hashPassword(oneTimePassword), true);
      return { user, oneTimePassword };
    },

    list(ability: AppAbility): Promise<UserRow[]> {
      if (ability.cannot('read', 'User')) throw forbidden();
      return usersRepo.list();
    },

    /** One account's second factors, as the Users page shows them. */
    async secondFactorsOf(userId: string) {
      const { totp, webauthnCredentials } = await mfaService.status(userId);
      return { totp, passkeys: webauthnCredentials };
    },

    /** Every account with its enrolled second factors, for the Users page. */
    async listWithFactors(ability: AppAbility) {
      if (ability.cannot('read', 'User')) throw forbidden();
      const [users, factors] = await Promise.all([
        usersRepo.list(),
        mfaService.enrolledFactorsOfAll(),
      ]);
      return users.map((user) => ({ user, secondFactors: factors.get(user.id) }));
    },

    async findByUsername(ability: AppAbility, username: string): Promise<UserRow> {
      const user = await usersRepo.findByUsername(username);
      if (!user) throw notFound('User');
      return findOrNotFound(ability, user.id);
    },

    /** Disables or re-enables an account; a disabled account's sessions stop working at once. */
    async setDisabled(
      ability: AppAbility,
      actor: Actor,
      id: string,
      disabled: boolean,
    ): Promise<UserRow> {
      await findOrNotFound(ability, id);
      if (ability.cannot('update', 'User')) throw forbidden();
      // An administrator who locks themselves out may leave nobody able to let them back in.
      if (disabled && actor.userId === id) {
        throw new HttpError(409, 'own_account', 'You cannot disable your own account');
      }
      const updated = await db.transaction(async (tx) => {
        const user = await usersRepo.update(id, { disabled }, tx);
        if (!user) throw notFound('User');
        await auditService.record(
          actor,
          {
            action: disabled ? 'user.disable' : 'user.enable',
            outcome: 'success',
            subjectType: 'User',
            subjectId: id,
          },
          tx,
        );
        return user;
      });
      // Live sockets of a disabled account must close now, not at their next request.
      if (disabled) domainEvents.emit('user:access-changed', { userId: id });
      return updated;
    },

    /** Changes what a user may do; their live sockets are cut so they reconnect with the new grants. */
    async updateGrants(
      ability: AppAbility,
      actor: Actor,
      id: string,
      input: unknown,
    ): Promise<UserRow> {
      const before = await findOrNotFound(ability, id);
      if (ability.cannot('update', 'User')) throw forbidden();
      const grants = parseInput(updateGrantsRequestSchema, input);
      checkGrants({
        role: grants.role ?? (before.role as Role),
        districts: grants.districts ?? before.districts,
      });
      const updated = await db.transaction(async (tx) => {
        const user = await usersRepo.update(id, grants, tx);
        if (!user) throw notFound('User');
        await auditService.record(
          actor,
          {
            action: 'user.grants',
            outcome: 'success',
            subjectType: 'User',
            subjectId: id,
            details: { from: { role: before.role, districts: before.districts }, to: grants },
          },
          tx,
        );
        return user;
      });
      domainEvents.emit('user:access-changed', { userId: id });
      return updated;
    },

    /**
     * Removes every second factor of a person (a lost phone, a stolen key) and ends
     * their sessions: they sign in again and, where MFA is required, enrol afresh.
     * Answers what was removed.
     */
    async resetMfa(ability: AppAbility, actor: Actor, id: string): Promise<EnrolledFactors> {
      await findOrNotFound(ability, id);
      if (ability.cannot('update', 'User')) throw forbidden();
      const removed = await db.transaction(async (tx) => {
        const factors = await mfaService.removeAll(id, tx);
        await sessionsRepo.deleteForUser(id, tx);
        await auditService.record(
          actor,
          {
            action: 'mfa.reset',
            outcome: 'success',
            subjectType: 'User',
            subjectId: id,
            details: { ...factors },
          },
          tx,
        );
        return factors;
      });
      domainEvents.emit('user:access-changed', { userId: id });
      return removed;
    },

    /** Releases a lockout after repeated failed sign-ins. */
    async unlock(ability: AppAbility, actor: Actor, id: string): Promise<UserRow> {
      await findOrNotFound(ability, id);
      if (ability.cannot('update', 'User')) throw forbidden();
      return db.transaction(async (tx) => {
        const user = await usersRepo.update(id, { lockedUntil: null, failedLoginCount: 0 }, tx);
        if (!user) throw notFound('User');
        await auditService.record(
          actor,
          { action: 'user.unlock', outcome: 'success', subjectType: 'User', subjectId: id },
          tx,
        );
        return user;
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
