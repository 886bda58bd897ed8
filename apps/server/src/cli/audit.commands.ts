import type { Command } from 'commander';
import type { ChainReport } from '../modules/audit/audit-verify.ts';
import { operatorAbility, withServices } from './cli-context.ts';

function describe(report: ChainReport): string {
  const lines: string[] = [];
  if (report.verifiedThrough) {
    lines.push(
      `chain verified through #${report.verifiedThrough.eventId} (${report.verifiedThrough.at}): ${report.chainedRows} rows`,
    );
  } else if (!report.problem) {
    lines.push('the chain has no rows yet');
  }
  if (report.unchainedRows > 0) {
    lines.push(`${report.unchainedRows} older rows were written before the chain began`);
  }
  lines.push(
    report.lastCheckpoint
      ? `${report.checkpointsVerified} signed checkpoints match, the last at #${report.lastCheckpoint.eventId} (${report.lastCheckpoint.at})`
      : 'no signed checkpoint yet',
  );
  if (report.problem) lines.push(`BROKEN: ${report.problem.reason}`);
  return lines.join('\n');
}

export function registerAuditCommands(program: Command) {
  program
    .command('audit:verify')
    .description(
      'Recompute the audit log’s hash chain and check its signed checkpoints; exits 1 and names the first altered, missing or reordered row',
    )
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      await withServices(async (services) => {
        const report = await services.auditService.verify(operatorAbility);
        console.log(options.json ? JSON.stringify(report) : describe(report));
        if (!report.ok) process.exitCode = 1;
      });
    });

  program
    .command('audit:checkpoint')
    .description('Sign where the audit chain has got to now (the server also does so on a timer)')
    .action(async () => {
      await withServices(async (services) => {
        await services.auditService.checkpoint();
        console.log('checkpoint signed');
      });
    });
}
