import type { ResponseTimeGroup, ResponseTimeStats } from '@watchfloor/contracts';
import { neutralised } from './exports.columns.ts';
import { csvLine, type ChunkSource, type ExportProgress } from './exports.formats.ts';

/** Figures of a group after its key: counts, then seconds, then the target. */
const figures = [
  ['n', (group: ResponseTimeGroup) => group.n],
  ['excludedMissing', (group: ResponseTimeGroup) => group.excluded.missing],
  ['excludedNegative', (group: ResponseTimeGroup) => group.excluded.negative],
  ['excludedOfficerInitiated', (group: ResponseTimeGroup) => group.excluded.officerInitiated],
  ['meanSeconds', (group: ResponseTimeGroup) => group.mean],
  ['medianSeconds', (group: ResponseTimeGroup) => group.median],
  ['p90Seconds', (group: ResponseTimeGroup) => group.p90],
  ['minSeconds', (group: ResponseTimeGroup) => group.min],
  ['maxSeconds', (group: ResponseTimeGroup) => group.max],
  ['targetSeconds', (group: ResponseTimeGroup) => group.target],
  ['withinTarget', (group: ResponseTimeGroup) => group.withinTarget],
] as const;

/** The group-by dimensions, in request order, then the figures. */
export const statsHeader = (stats: ResponseTimeStats): string[] => [
  ...stats.groupBy,
  ...figures.map(([name]) => name),
];

function keyValues(stats: ResponseTimeStats, group: ResponseTimeGroup): (string | number | null)[] {
  return stats.groupBy.map((dimension) => {
    const value = group.key[dimension];
    if (value === undefined || value === null) return null;
    return typeof value === 'number' ? value : neutralised(value);
  });
}

const figureValues = (group: ResponseTimeGroup) => figures.map(([, value]) => value(group));

const groupsPerChunk = 500;

export async function* statsCsv(stats: ResponseTimeStats, progress: ExportProgress): ChunkSource {
  yield csvLine(statsHeader(stats));
  for (let start = 0; start < stats.groups.length; start += groupsPerChunk) {
    const groups = stats.groups.slice(start, start + groupsPerChunk);
    yield groups
      .map((group) =>
        csvLine(
          [...keyValues(stats, group), ...figureValues(group)].map((value) =>
            value === null ? null : String(value),
          ),
        ),
      )
      .join('');
    progress.rows += groups.length;
    await Promise.resolve();
  }
}

export async function* statsXlsxRows(
  stats: ResponseTimeStats,
): AsyncGenerator<(string | number | null)[][]> {
  for (let start = 0; start < stats.groups.length; start += groupsPerChunk) {
    yield stats.groups
      .slice(start, start + groupsPerChunk)
      .map((group) => [...keyValues(stats, group), ...figureValues(group)]);
    await Promise.resolve();
  }
}
