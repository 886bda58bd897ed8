import { defineAbilityFor } from '@watchfloor/authz';
import type { AgencyConfig } from '@watchfloor/contracts';
import { accountPolicies, loadConfig, retentionPolicy } from '../config.ts';
import type { Database } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open-configured.ts';
import { loadAgencyConfig } from '../modules/agency/agency.loader.ts';
import { readSessionSecret } from '../secrets.ts';
import { createServices, type Services } from '../services.ts';

/** The operator at the terminal acts as an administrator; each change is audited with their name. */
export const operatorAbility = defineAbilityFor({ id: 'cli', role: 'admin', districts: [] });
export { operatorActor } from './operator.ts';

/** Opens the configured database for one command and always closes it. */
export async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const services = createServices(database.db, {
      agency: await loadAgencyConfig(config.AGENCY_CONFIG),
      ...accountPolicies(config),
      // The server's own keys: a factor the CLI touches must still open in the server.
      auditSigningSecret: config.AUDIT_SIGNING_KEY,
      retention: retentionPolicy(config),
      mfa: {
        required: config.mfaRequired,
        secret:
          config.MFA_ENCRYPTION_KEY ??
          (await readSessionSecret(config.SESSION_SECRET, config.DATA_DIR)),
      },
    });
    return await work(services);
  } finally {
    await database.close();
  }
}

/** Opens the configured database and agency for a command that works on tables directly. */
export async function withDatabase<T>(
  work: (context: { db: Database; agency: AgencyConfig }) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const agency = await loadAgencyConfig(config.AGENCY_CONFIG);
  const database = await openConfiguredDatabase(config);
  try {
    return await work({ db: database.db, agency });
  } finally {
    await database.close();
  }
}
