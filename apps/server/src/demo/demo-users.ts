import { randomBytes } from 'node:crypto';
import { defineAbilityFor, type Role } from '@watchfloor/authz';
import { systemActor } from '../modules/audit/actor.ts';
import type { Services } from '../services.ts';

/** One account per human role, named after the role. */
const demoAccounts: { role: Role; displayName: string; districts: string[] }[] = [
  { role: 'dispatcher', displayName: 'Dana Dispatcher', districts: [] },
  { role: 'supervisor', displayName: 'Sam Supervisor', districts: ['1', '2'] },
  { role: 'analyst', displayName: 'Alex Analyst', districts: [] },
  { role: 'admin', displayName: 'Ari Admin', districts: [] },
];

const systemAdmin = defineAbilityFor({ id: 'system', role: 'admin', districts: [] });

/** A password that is easy to type from a terminal and strong enough for the policy. */
function randomDemoPassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Creates the demo accounts on an empty database. Returns the password when it
 * created them (so it can be printed once), or null when users already exist.
 */
export async function seedDemoUsers(
  services: Services,
  configuredPassword: string | undefined,
): Promise<{ password: string; usernames: string[] } | null> {
  if ((await services.usersRepo.count()) > 0) return null;
  const password = configuredPassword ?? randomDemoPassword();
  for (const account of demoAccounts) {
    await services.usersService.create(systemAdmin, systemActor, {
      username: account.role,
      displayName: account.displayName,
      role: account.role,
      districts: account.districts,
      password,
    });
  }
  return { password, usernames: demoAccounts.map((account) => account.role) };
}
