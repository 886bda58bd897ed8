import type { ImportMapping } from '../../import/mapping.schema.ts';
import { readCsvRows } from '../../import/csv-source.ts';
import { mapRow } from '../../import/row-mapper.ts';
import { EventQueue, eventsOfCall } from './replay-plan.ts';

export interface ReplayOptions {
  files: string[];
  mapping: ImportMapping;
  /** 1 = real time, 60 = an hour a minute. */
  speed: number;
  baseUrl: string;
  token: string;
  runId: string;
  log: (message: string) => void;
  tickMs?: number;
  signal?: AbortSignal;
}

/** The ingest API's largest call batch. */
const ingestBatchLimit = 1000;

async function postEvents(options: ReplayOptions, source: string, events: object[]) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${options.baseUrl}/api/ingest/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source, events }),
    });
    if (response.ok) return (await response.json()) as { summary: Record<string, number> };
    if (response.status !== 503 || attempt >= 5)
      throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
  }
}

async function* allRows(files: string[]) {
  for (const file of files) for await (const entry of readCsvRows(file)) yield { file, ...entry };
}

/**
 * Feeds historical CSV rows through the public ingest API as if they were
 * happening now, `speed` times faster. Calls keep their own ids under `runId`,
 * so a second run with the same id adds nothing.
 */
export async function replayFiles(options: ReplayOptions): Promise<Record<string, number>> {
  const tickMs = options.tickMs ?? 250;
  const source = `${options.mapping.source}-replay`;
  const totals: Record<string, number> = {
    applied: 0,
    duplicate: 0,
    history: 0,
    rejected: 0,
    unreadable: 0,
  };
  const rows = allRows(options.files)[Symbol.asyncIterator]();
  const queue = new EventQueue();
  const wallStart = Date.now();
  let sourceStart: number | undefined;
  // The source instant the replay has reached: it runs `speed` times faster than the wall clock.
  const clock = () => (sourceStart ?? 0) + (Date.now() - wallStart) * options.speed;
  const toNow = (sourceTime: number) =>
    new Date(wallStart + (sourceTime - (sourceStart ?? 0)) / options.speed).toISOString();
  let next = await rows.next();

  while (!options.signal?.aborted) {
    // Read ahead until the next row lies in the replay's future.
    while (!next.done) {
      const mapped = mapRow(next.value.row, options.mapping);
      if (mapped.ok) {
        sourceStart ??= mapped.call.receivedAt.getTime();
        if (mapped.call.receivedAt.getTime() > clock()) break;
        queue.push(...eventsOfCall(mapped.call, options.runId));
      } else {
        totals.unreadable! += 1;
      }
      next = await rows.next();
    }
    if (next.done && queue.size === 0) break;
    const due = queue.takeDue(clock());
    for (let start = 0; start < due.length; start += ingestBatchLimit) {
      const chunk = due.slice(start, start + ingestBatchLimit);
      const { summary } = await postEvents(
        options,
        source,
        chunk.map(({ sourceTime, event }) => ({ ...event, at: toNow(sourceTime) })),
      );
      for (const [outcome, count] of Object.entries(summary))
        totals[outcome] = (totals[outcome] ?? 0) + count;
    }
    if (due.length > 0)
      options.log(
        `replayed ${due.length} events (applied ${totals.applied}, rejected ${totals.rejected})`,
      );
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  return totals;
}
