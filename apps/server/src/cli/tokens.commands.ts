import type { Command } from 'commander';
import { operatorActor, withServices } from './cli-context.ts';

export function registerTokenCommands(program: Command) {
  program
    .command('tokens:create')
    .description(
      'Create an integration token for a CAD or AVL feed; it is printed once, only its hash is kept',
    )
    .requiredOption('--name <name>', 'name of the feed, e.g. cad-primary')
    .action(async (options: { name: string }) => {
      await withServices(async (services) => {
        const { token } = await services.tokensService.create(operatorActor(), options.name);
        console.log(token);
        console.error(`Token "${options.name}" created. Store it now: it cannot be shown again.`);
      });
    });

  program
    .command('tokens:revoke')
    .description('Revoke an integration token; the feed is refused at once')
    .requiredOption('--name <name>', 'name of the token')
    .action(async (options: { name: string }) => {
      await withServices(async (services) => {
        await services.tokensService.revoke(operatorActor(), options.name);
        console.log(`revoked: ${options.name}`);
      });
    });

  program
    .command('tokens:list')
    .description('List integration tokens')
    .action(async () => {
      await withServices(async (services) => {
        console.table(
          (await services.tokensService.list()).map((row) => ({
            name: row.name,
            state: row.revokedAt ? 'revoked' : 'active',
            created: row.createdAt.toISOString(),
            lastUsed: row.lastUsedAt?.toISOString() ?? 'never',
          })),
        );
      });
    });
}
