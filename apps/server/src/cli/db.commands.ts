import type { Command } from 'commander';
import { setUpDatabaseRoles } from '../db/roles/set-up-roles.ts';

/** Unset and empty are the same, as in the server's configuration. */
const fromEnv = (name: string) => process.env[name] || undefined;

export function registerDbCommands(program: Command) {
  program
    .command('db:roles')
    .description(
      'As a database administrator (DATABASE_ADMIN_URL): create the owner and runtime roles, ' +
        'give the owner the schema, apply migrations as the owner and grant the runtime role ' +
        'only what the server needs. Safe to re-run; run it after every upgrade. Passwords come ' +
        'from DATABASE_OWNER_PASSWORD and DATABASE_RUNTIME_PASSWORD, never from arguments.',
    )
    .requiredOption('--owner <role>', 'owns the schema and runs migrations, e.g. watchfloor_owner')
    .requiredOption('--runtime <role>', 'the role in the server’s DATABASE_URL, e.g. watchfloor')
    .action(async (options: { owner: string; runtime: string }) => {
      const adminUrl = fromEnv('DATABASE_ADMIN_URL');
      if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl)) {
        throw new Error(
          'DATABASE_ADMIN_URL: set it to a superuser URL of the Watchfloor database, ' +
            'e.g. postgres://postgres@db.internal:5432/watchfloor',
        );
      }
      const { migrated } = await setUpDatabaseRoles({
        adminUrl,
        owner: options.owner,
        runtime: options.runtime,
        ownerPassword: fromEnv('DATABASE_OWNER_PASSWORD'),
        runtimePassword: fromEnv('DATABASE_RUNTIME_PASSWORD'),
      });
      console.log(
        `Roles ready: ${options.owner} owns the schema (${migrated} migrations applied now); ` +
          `${options.runtime} may read, add to history, and change only live state.`,
      );
    });
}
