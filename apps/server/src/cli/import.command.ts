import type { Command } from 'commander';
import { importCallFiles, type ImportSummary } from '../import/call-import.ts';
import { loadImportMapping } from '../import/csv-source.ts';
import { createAgencyDirectory } from '../modules/agency/agency-directory.ts';
import { createAuditRepo } from '../modules/audit/audit.repo.ts';
import { createAuditService } from '../modules/audit/audit.service.ts';
import { operatorActor, withDatabase } from './cli-context.ts';

/** At most 20 codes, so a source with its own code book does not flood the terminal. */
function listCodes(codes: readonly string[]): string {
  if (codes.length === 0) return 'none';
  const shown = codes.slice(0, 20).join(', ');
  return `${codes.length} (${shown}${codes.length > 20 ? ', …' : ''})`;
}

function describeSummary(summary: ImportSummary): string {
  const allRepeats = summary.imported === 0 && summary.duplicates > 0;
  return [
    `import ${summary.source}: ${summary.files.length} file(s), ${summary.rowsRead} rows read`,
    `  imported   ${summary.imported} calls (${summary.events} events)`,
    `  duplicates ${summary.duplicates}${allRepeats ? ' (all rows were already imported)' : ''}`,
    `  rejected   ${summary.rejected} rows`,
    `  call types not in the agency configuration: ${listCodes(summary.unknownCallTypes)}`,
    `  ${summary.seconds.toFixed(1)} s, ${Math.round(summary.rowsPerSecond)} rows/s`,
  ].join('\n');
}

function parseCount(option: string, text: string, max: number): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > max)
    throw new Error(`${option} must be an integer from 1 to ${max}`);
  return count;
}

export function registerImportCommand(program: Command) {
  program
    .command('import')
    .description(
      'Import historical CAD calls from CSV (or CSV.gz) files as calls and their events; ' +
        'the same rows twice add nothing. Rejected rows go to stderr as "file:line, column, reason".',
    )
    .requiredOption('--mapping <file>', 'column-mapping file (e.g. config/agencies/oakland.json)')
    .option('--batch-size <rows>', 'rows per statement and transaction', '2000')
    .option('--writers <n>', 'batches written at once', '2')
    .option('--json', 'print the summary as JSON')
    .argument('<files...>', 'CSV or CSV.gz files')
    .action(
      async (
        files: string[],
        options: { mapping: string; batchSize: string; writers: string; json?: boolean },
      ) => {
        const mapping = await loadImportMapping(options.mapping);
        const batchSize = parseCount('--batch-size', options.batchSize, 20_000);
        const writers = parseCount('--writers', options.writers, 8);
        await withDatabase(async ({ db, agency }) => {
          const summary = await importCallFiles({
            db,
            directory: createAgencyDirectory(agency),
            mapping,
            files,
            actor: `import:${operatorActor().username ?? 'cli'}`,
            batchSize,
            writers,
            onRejected: ({ file, line, column, reason }) =>
              console.error(`${file}:${line}, ${column}, ${reason}`),
          });
          const audit = createAuditService({
            auditRepo: createAuditRepo(db, agency.id),
            chain: agency.id,
          });
          await audit.record(operatorActor(), {
            action: 'call.import',
            outcome: 'success',
            details: { ...summary, mapping: options.mapping },
          });
          console.log(options.json ? JSON.stringify(summary) : describeSummary(summary));
        });
      },
    );
}
