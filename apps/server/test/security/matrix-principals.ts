import type { UserRow } from '../../src/modules/users/users.repo.ts';
import type { Services } from '../../src/services.ts';
import { buildUser } from '../support/test-app.ts';
import type { Principal } from './route-matrix.table.ts';

/**
 * The people among the matrix's principals, one account each; the others
 * (anonymous, an integration token) have none. `disabledUser` is still enabled:
 * each suite signs it in first, then disables it.
 */
export async function buildPrincipalUsers(
  services: Services,
): Promise<Partial<Record<Principal, UserRow>>> {
  const build = (role: 'dispatcher' | 'supervisor' | 'analyst' | 'admin', districts: string[]) =>
    buildUser(services, { role, districts });
  return {
    dispatcher: await build('dispatcher', []),
    supervisor: await build('supervisor', []),
    analyst: await build('analyst', []),
    admin: await build('admin', []),
    dispatcherOfOtherDistrict: await build('dispatcher', ['2']),
    supervisorOfOtherDistrict: await build('supervisor', ['2']),
    disabledUser: await build('dispatcher', []),
  };
}
