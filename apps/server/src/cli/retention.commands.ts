import type { Command } from 'commander';
import type { RetentionRun } from '../modules/retention/retention.service.ts';
import { operatorActor, withServices } from './cli-context.ts';

const kinds = [
  ['positions', 'unit positions'],
  ['callerData', 'calls with caller data'],
  ['callEvents', 'call events with caller data'],
  ['sessions', 'expired sessions'],
  ['auditEvents', 'audit rows'],
] as const;

function describe(run: RetentionRun): string {
  const verb = run.dryRun ? 'would remove' : 'removed';
  const lines = kinds.map(
    ([kind, label]) =>
      `${verb} ${run.counts[kind]} ${label} (before ${run.cutoffs[kind === 'callEvents' ? 'callerData' : kind]})`,
  );
  if (!run.dryRun) lines.push(`${run.batches} batches in ${run.seconds.toFixed(1)} s`);
  if (run.chainStartsAt !== null) lines.push(`the audit chain now starts at #${run.chainStartsAt}`);
  return lines.join('\n');
}

export function registerRetentionCommands(program: Command) {
  program
    .command('retention:purge')
    .description(
      'Remove what is past its retention (RETENTION_*, docs/PRIVACY.md) in small batches; audited as retention.purge',
    )
    .option('--dry-run', 'count what would be removed, change nothing')
    .option('--json', 'print the result as JSON')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      await withServices(async (services) => {
        const run = await services.retentionService.purge({
          actor: operatorActor(),
          dryRun: options.dryRun ?? false,
        });
        console.log(options.json ? JSON.stringify(run) : describe(run));
      });
    });
}
