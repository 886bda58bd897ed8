import type { Database } from './db/client.ts';
import { createAuditRepo } from './modules/audit/audit.repo.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuthService, type LockoutPolicy } from './modules/auth/auth.service.ts';
import { createUsersRepo } from './modules/users/users.repo.ts';
import { createUsersService } from './modules/users/users.service.ts';

/** The composition root: each service gets only the repositories it uses. */
export function createServices(db: Database, options: { lockout: LockoutPolicy }) {
  const usersRepo = createUsersRepo(db);
  const auditRepo = createAuditRepo(db);
  const auditService = createAuditService({ auditRepo });
  const authService = createAuthService({ usersRepo, auditService, lockout: options.lockout });
  const usersService = createUsersService({ db, usersRepo, auditService });
  return { usersRepo, auditService, authService, usersService };
}

export type Services = ReturnType<typeof createServices>;
