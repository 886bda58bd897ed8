import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { loadImportMapping } from '../import/csv-source.ts';
import { replayFiles } from '../demo/replay/replay.ts';

export function registerReplayCommand(program: Command) {
  program
    .command('replay')
    .description('Feed historical CSV rows through the ingest API as if live, N times faster')
    .requiredOption('--mapping <file>', 'column-mapping file (see config/agencies/*.mapping.json)')
    .option('--speed <n>', 'replay speed (1 = real time)', '60')
    .option('--url <url>', 'Watchfloor server', 'http://127.0.0.1:8080')
    .option('--run-id <id>', 'namespace for the replayed calls; the same id twice adds nothing')
    .argument('<files...>', 'CSV or CSV.gz files')
    .action(
      async (
        files: string[],
        options: { mapping: string; speed: string; url: string; runId?: string },
      ) => {
        const token = process.env.WATCHFLOOR_TOKEN;
        if (!token)
          throw new Error(
            'Set WATCHFLOOR_TOKEN to an integration token (pnpm watchfloor tokens:create --name replay)',
          );
        const speed = Number(options.speed);
        if (!Number.isFinite(speed) || speed <= 0)
          throw new Error('--speed must be a positive number');
        const controller = new AbortController();
        process.once('SIGINT', () => controller.abort());
        const totals = await replayFiles({
          files,
          mapping: await loadImportMapping(options.mapping),
          speed,
          baseUrl: options.url.replace(/\/$/, ''),
          token,
          runId: options.runId ?? randomBytes(4).toString('hex'),
          log: (message) => console.log(message),
          signal: controller.signal,
        });
        console.log(`replay finished: ${JSON.stringify(totals)}`);
      },
    );
}
