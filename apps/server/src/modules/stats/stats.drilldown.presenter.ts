import type {
  ResponseTimeCall,
  ResponseTimeCalls,
  ResponseTimeCallsQuery,
  ResponseTimeHistogram,
  ResponseTimeHistogramQuery,
} from '@watchfloor/contracts';
import { encodeCursor } from './stats.cursor.ts';
import type { CallsPageRows, DrilledCallRow, HistogramRows } from './stats.drilldown.repo.ts';

type Echoed = Pick<ResponseTimeCallsQuery, 'metric' | 'from' | 'to' | 'includeOfficerInitiated'>;

/** The request as understood, instants normalised to UTC. */
const echo = (query: Echoed) => ({
  metric: query.metric,
  from: new Date(query.from).toISOString(),
  to: new Date(query.to).toISOString(),
  includeOfficerInitiated: query.includeOfficerInitiated,
});

const instant = (value: Date | string) => new Date(value).toISOString();
const instantOrNull = (value: Date | string | null) => (value === null ? null : instant(value));

/** Only the fields of the contract leave: no caller, address or narrative. */
function presentCall(row: DrilledCallRow): ResponseTimeCall {
  return {
    id: row.id,
    incidentNumber: row.incidentNumber,
    receivedAt: instant(row.receivedAt),
    dispatchedAt: instantOrNull(row.dispatchedAt),
    onsceneAt: instantOrNull(row.onsceneAt),
    closedAt: instantOrNull(row.closedAt),
    priority: row.priority,
    district: row.district,
    beat: row.beat,
    callType: row.callType,
    unit: row.unit,
    seconds: row.seconds,
    exclusion: row.exclusion,
  };
}

export function presentCallsPage(
  query: ResponseTimeCallsQuery,
  rows: CallsPageRows,
): ResponseTimeCalls {
  const { counts } = rows;
  const total =
    query.status === 'all'
      ? counts.included + counts.missing + counts.negative + counts.officerInitiated
      : counts[query.status];
  const page = rows.calls.slice(0, query.limit);
  const last = page.at(-1);
  return {
    ...echo(query),
    status: query.status,
    counts: {
      included: counts.included,
      missing: counts.missing,
      negative: counts.negative,
      officerInitiated: counts.officerInitiated,
    },
    total,
    calls: page.map(presentCall),
    nextCursor:
      rows.calls.length > query.limit && last
        ? encodeCursor({ seconds: last.seconds, id: last.id })
        : null,
  };
}

/** Every bucket from 0 s to the last non-empty one, so a chart needs no gap filling. */
export function presentHistogram(
  query: ResponseTimeHistogramQuery,
  rows: HistogramRows,
): ResponseTimeHistogram {
  const width = query.bucketSeconds;
  const counts = new Map(rows.buckets.map((bucket) => [bucket.index, bucket.count]));
  const lastIndex = Math.max(
    -1,
    ...rows.buckets.filter((bucket) => bucket.index < query.maxBuckets).map((row) => row.index),
  );
  const { included, ...excluded } = rows.counts;
  return {
    ...echo(query),
    bucketSeconds: width,
    n: included,
    excluded,
    buckets: Array.from({ length: lastIndex + 1 }, (_, index) => ({
      from: index * width,
      to: (index + 1) * width,
      count: counts.get(index) ?? 0,
    })),
    overflow: { from: query.maxBuckets * width, count: counts.get(query.maxBuckets) ?? 0 },
  };
}
