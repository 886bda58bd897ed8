import type { Command } from 'commander';
import { roles } from '@watchfloor/authz';
import { presentUserForAdmin } from '../modules/users/users.presenter.ts';
import { operatorActor, operatorAbility, withServices } from './cli-context.ts';
import { readNewPassword } from './read-password.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUserCommands(program: Command) {
  program
    .command('users:create')
    .description('Create a user; the password is read from stdin or prompted, never from arguments')
    .requiredOption('--username <username>', 'sign-in name')
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
    .option('--district <code>', 'limit a supervisor to a district (repeatable)', collect, [])
    .option('--display-name <name>', 'name shown in the dashboard')
    .action(
      async (options: {
        username: string;
        role: string;
        district: string[];
        displayName?: string;
      }) => {
        const password = await readNewPassword();
        await withServices(async (services) => {
          const user = await services.usersService.create(operatorAbility, operatorActor(), {
            username: options.username,
            role: options.role as (typeof roles)[number],
            districts: options.district,
            displayName: options.displayName,
            password,
          });
          console.log(`Created ${user.role} ${user.username} (${user.id})`);
        });
      },
    );

  program
    .command('users:list')
    .description('List users')
    .action(async () => {
      await withServices(async (services) => {
        const users = await services.usersService.list(operatorAbility);
        console.table(
          users.map((row) => {
            const user = presentUserForAdmin(row);
            return {
              username: user.username,
              role: user.role,
              districts: user.districts.join(' ') || '(all)',
              state: user.disabled ? 'disabled' : user.locked ? 'locked' : 'active',
              lastLogin: user.lastLoginAt ?? 'never',
            };
          }),
        );
      });
    });

  program
    .command('users:grants')
    .description(
      'Change a user’s role and/or districts; their live sessions pick it up within a second',
    )
    .requiredOption('--username <username>', 'sign-in name')
    .option('--role <role>', `one of ${roles.join(', ')}`)
    .option('--district <code>', 'district (repeatable); --all-districts clears them', collect, [])
    .option('--all-districts', 'remove the district limit')
    .action(
      async (options: {
        username: string;
        role?: string;
        district: string[];
        allDistricts?: boolean;
      }) => {
        await withServices(async (services) => {
          const user = await services.usersService.findByUsername(
            operatorAbility,
            options.username,
          );
          const districts = options.allDistricts
            ? []
            : options.district.length > 0
              ? options.district
              : undefined;
          const updated = await services.usersService.updateGrants(
            operatorAbility,
            operatorActor(),
            user.id,
            {
              ...(options.role ? { role: options.role } : {}),
              ...(districts ? { districts } : {}),
            },
          );
          console.log(
            `${updated.username}: ${updated.role}, districts ${updated.districts.join(' ') || '(all)'}`,
          );
        });
      },
    );

  const stateCommands = [
    {
      name: 'users:disable',
      description: 'Disable a user; their sessions stop at once',
      apply: 'disable',
    },
    { name: 'users:enable', description: 'Enable a disabled user', apply: 'enable' },
    {
      name: 'users:unlock',
      description: 'Release a lockout after failed sign-ins',
      apply: 'unlock',
    },
    {
      name: 'users:reset-mfa',
      description: 'Remove every second factor of a user and end their sessions; they enrol again',
      apply: 'reset-mfa',
    },
  ] as const;
  for (const { name, description, apply } of stateCommands) {
    program
      .command(name)
      .description(description)
      .requiredOption('--username <username>', 'sign-in name')
      .action(async (options: { username: string }) => {
        await withServices(async (services) => {
          const user = await services.usersService.findByUsername(
            operatorAbility,
            options.username,
          );
          if (apply === 'unlock')
            await services.usersService.unlock(operatorAbility, operatorActor(), user.id);
          else if (apply === 'reset-mfa')
            await services.usersService.resetMfa(operatorAbility, operatorActor(), user.id);
          else
            await services.usersService.setDisabled(
              operatorAbility,
              operatorActor(),
              user.id,
              apply === 'disable',
            );
          console.log(`${name.split(':')[1]}: ${user.username}`);
        });
      });
  }
}
