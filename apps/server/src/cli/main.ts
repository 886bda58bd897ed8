import { Command } from 'commander';
import { ConfigError } from '../config.ts';
import { HttpError } from '../http/errors.ts';
import { registerAuditCommands } from './audit.commands.ts';
import { registerDbCommands } from './db.commands.ts';
import { registerImportCommand } from './import.command.ts';
import { identifyOperator } from './operator.ts';
import { registerReplayCommand } from './replay.command.ts';
import { registerRetentionCommands } from './retention.commands.ts';
import { registerTokenCommands } from './tokens.commands.ts';
import { registerUserCommands } from './users.commands.ts';

const program = new Command('watchfloor')
  .description(
    'Watchfloor administration. Uses the same environment (DATABASE_URL, DATA_DIR) as the server.',
  )
  .option(
    '--operator <name>',
    'who is at the terminal, audited with the OS account (default: $WATCHFLOOR_OPERATOR)',
  )
  .showHelpAfterError()
  .hook('preAction', (command) => {
    identifyOperator(command.opts<{ operator?: string }>().operator);
  });
registerUserCommands(program);
registerTokenCommands(program);
registerReplayCommand(program);
registerImportCommand(program);
registerDbCommands(program);
registerAuditCommands(program);
registerRetentionCommands(program);

function explain(error: unknown): string {
  if (error instanceof HttpError) {
    const details =
      error.issues?.map((issue) => `\n  - ${issue.path || '(input)'}: ${issue.message}`) ?? [];
    return `${error.message}${details.join('')}`;
  }
  if (error instanceof ConfigError || error instanceof Error) return error.message;
  return String(error);
}

program.parseAsync().catch((error: unknown) => {
  console.error(`watchfloor: ${explain(error)}`);
  process.exitCode = 1;
});
