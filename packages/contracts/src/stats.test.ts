import { describe, expect, it } from 'vitest';
import { agencyConfigSchema, defaultShifts, type AgencyConfigInput } from './agency.ts';
import {
  responseTimeCallsQuerySchema,
  responseTimeHistogramQuerySchema,
  responseTimeQuerySchema,
  statsNullKey,
} from './stats.ts';

const period = { metric: 'response', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };

describe('response-time query', () => {
  it('reads the query string: lists, defaults and the officer-initiated switch', () => {
    expect(responseTimeQuerySchema.parse(period)).toEqual({
      ...period,
      groupBy: [],
      includeOfficerInitiated: false,
    });
    expect(
      responseTimeQuerySchema.parse({
        ...period,
        groupBy: 'district,priority',
        priority: '1,2',
        district: '1',
        callType: 'DIST,TRAF',
        includeOfficerInitiated: 'true',
      }),
    ).toMatchObject({
      groupBy: ['district', 'priority'],
      priority: [1, 2],
      district: ['1'],
      callType: ['DIST', 'TRAF'],
      includeOfficerInitiated: true,
    });
    // "false" is not truthy here, unlike z.coerce.boolean().
    expect(
      responseTimeQuerySchema.parse({ ...period, includeOfficerInitiated: 'false' })
        .includeOfficerInitiated,
    ).toBe(false);
  });

  it('accepts exactly 366 days and refuses one millisecond more', () => {
    const from = '2024-01-01T00:00:00Z';
    expect(
      responseTimeQuerySchema.safeParse({ ...period, from, to: '2025-01-01T00:00:00Z' }).success,
    ).toBe(true);
    expect(
      responseTimeQuerySchema.safeParse({ ...period, from, to: '2025-01-01T00:00:00.001Z' })
        .success,
    ).toBe(false);
  });
});

describe('drill-down query', () => {
  const issues = (query: Record<string, string>) =>
    responseTimeCallsQuerySchema
      .safeParse({ ...period, ...query })
      .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('reads group keys typed as the aggregate gives them, the none token as null', () => {
    expect(
      responseTimeCallsQuerySchema.parse({
        ...period,
        groupBy: 'district,hour',
        district: statsNullKey,
        hour: '23',
        unit: statsNullKey,
        beat: '1A',
        week: '2026-01-05',
      }),
    ).toEqual({
      ...period,
      groupBy: ['district', 'hour'],
      district: [null],
      hour: 23,
      unit: null,
      beat: '1A',
      week: '2026-01-05',
      includeOfficerInitiated: false,
      status: 'all',
      limit: 100,
    });
    expect(
      responseTimeQuerySchema.parse({ ...period, district: `1,${statsNullKey}` }).district,
    ).toEqual(['1', null]);
  });

  it('needs one key per groupBy dimension', () => {
    expect(issues({ groupBy: 'priority,shift', priority: '1,2' })).toEqual([
      ['priority', 'Give exactly one value: the key of the group'],
      ['shift', 'Give the key of the group'],
    ]);
    expect(issues({ groupBy: 'priority,shift', priority: '2', shift: 'night' })).toBeUndefined();
  });

  it('refuses empty numbers rather than reading them as 0, and dates that do not exist', () => {
    expect(issues({ hour: '', limit: '' })).toEqual([
      ['hour', 'Expected a whole number'],
      ['limit', 'Expected a whole number'],
    ]);
    expect(issues({ day: '2026-02-29', week: '2026-01-06' })).toEqual([
      ['day', 'Not a calendar date'],
      ['week', 'Expected a Monday'],
    ]);
  });

  it('gives the histogram 60 buckets of 60 s unless asked otherwise', () => {
    expect(responseTimeHistogramQuerySchema.parse(period)).toMatchObject({
      bucketSeconds: 60,
      maxBuckets: 60,
    });
  });
});

describe('agency shifts', () => {
  const minimal = (shifts?: unknown): AgencyConfigInput =>
    ({
      id: 'x',
      name: 'X',
      timeZone: 'UTC',
      map: { center: [0, 0], zoom: 1 },
      districts: { type: 'FeatureCollection', features: [] },
      beats: { type: 'FeatureCollection', features: [] },
      priorities: [{ level: 1, label: 'One', targets: {} }],
      callTypes: [{ code: 'A', description: 'A', defaultPriority: 1 }],
      dispositions: [{ code: 'R', description: 'R' }],
      ...(shifts === undefined ? {} : { shifts }),
    }) as AgencyConfigInput;

  it('are optional; the statistics fall back to day 07–15, swing 15–23, night 23–07', () => {
    expect(agencyConfigSchema.parse(minimal()).shifts).toBeUndefined();
    expect(defaultShifts).toEqual([
      { name: 'day', start: '07:00' },
      { name: 'swing', start: '15:00' },
      { name: 'night', start: '23:00' },
    ]);
  });

  it('refuse bad times and repeated names or starts', () => {
    const issues = (shifts: unknown) =>
      agencyConfigSchema.safeParse(minimal(shifts)).error?.issues.map((issue) => issue.message);
    expect(issues([{ name: 'a', start: '24:00' }])).toEqual([
      'Expected a local time as HH:MM (00:00–23:59)',
    ]);
    expect(
      issues([
        { name: 'a', start: '06:00' },
        { name: 'a', start: '18:00' },
      ]),
    ).toEqual(['Shift names must be unique']);
    expect(
      issues([
        { name: 'a', start: '06:00' },
        { name: 'b', start: '06:00' },
      ]),
    ).toEqual(['Shift start times must be unique']);
  });
});
