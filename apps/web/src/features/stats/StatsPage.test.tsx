import type { ResponseTimeGroup } from '@watchfloor/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type RecordedRequest } from '../../testing/fakeFetch.ts';
import { meFor, testAgency } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/renderWithApp.tsx';
import { RequireSession } from '../auth/RequireSession.tsx';
import { StatsPage } from './StatsPage.tsx';

const routes = [
  {
    path: '/stats',
    element: (
      <RequireSession>
        <StatsPage />
      </RequireSession>
    ),
  },
];

function group(key: ResponseTimeGroup['key'], figures: Partial<ResponseTimeGroup>) {
  return {
    key,
    n: 4,
    excluded: { missing: 1, negative: 0, officerInitiated: 2 },
    mean: 300,
    median: 290.5,
    p90: 600,
    min: 60,
    max: 900,
    target: null,
    withinTarget: null,
    ...figures,
  };
}

function drilledCall(incidentNumber: string, seconds: number | null, exclusion: string | null) {
  return {
    id: `00000000-0000-4000-8000-00000000000${incidentNumber.slice(-1)}`,
    incidentNumber,
    receivedAt: '2026-01-10T12:00:00Z',
    dispatchedAt: null,
    onsceneAt: null,
    closedAt: null,
    priority: 1,
    district: '1',
    beat: null,
    callType: 'DIST',
    unit: null,
    seconds,
    exclusion,
  };
}

/** Answers every statistics request from its `groupBy`, and records the queries. */
function statsServer() {
  const queries: URLSearchParams[] = [];
  const drills: URLSearchParams[] = [];
  const fake = createFakeFetch((request: RecordedRequest) => {
    if (request.url === '/api/me') return json(200, meFor('supervisor', ['1']));
    if (request.url === '/api/agency') return json(200, testAgency);
    const url = new URL(request.url, 'http://test');
    const echo = {
      metric: url.searchParams.get('metric'),
      from: url.searchParams.get('from'),
      to: url.searchParams.get('to'),
      includeOfficerInitiated: false,
    };
    if (url.pathname === '/api/stats/response-times/histogram') {
      return json(200, {
        ...echo,
        bucketSeconds: 60,
        n: 3,
        excluded: { missing: 0, negative: 0, officerInitiated: 0 },
        buckets: [{ from: 0, to: 60, count: 3 }],
        overflow: { from: 3600, count: 0 },
      });
    }
    if (url.pathname === '/api/stats/response-times/calls') {
      drills.push(url.searchParams);
      return json(200, {
        ...echo,
        status: 'all',
        counts: { included: 1, missing: 1, negative: 0, officerInitiated: 0 },
        total: 2,
        calls: [drilledCall('I-1', 290.5, null), drilledCall('I-2', null, 'missing')],
        nextCursor: null,
      });
    }
    if (url.pathname !== '/api/stats/response-times') return undefined;
    queries.push(url.searchParams);
    const groupBy = url.searchParams.get('groupBy');
    const groups =
      groupBy === 'priority'
        ? [group({ priority: 1 }, { target: 420, withinTarget: 0.75 })]
        : groupBy === null
          ? [group({}, { n: 40 })]
          : [];
    return json(200, {
      metric: url.searchParams.get('metric'),
      from: url.searchParams.get('from'),
      to: url.searchParams.get('to'),
      groupBy: groupBy ? [groupBy] : [],
      includeOfficerInitiated: false,
      groups,
    });
  });
  return { fetch: fake.fetch, queries, drills };
}

describe('StatsPage', () => {
  it('asks for the period in the URL, in the agency time zone, and shows every figure', async () => {
    const server = statsServer();
    renderWithApp(routes, {
      path: '/stats?metric=processing&period=custom&from=2026-01-01&to=2026-01-31&district=1',
      fetch: server.fetch,
    });
    const table = await screen.findByRole('table', { name: 'By priority, against target' });
    const row = within(table).getByRole('row', { name: /P1/ });
    // Median 290.5 s, p90 600 s, target 420 s, 75 % within, exclusions by reason.
    expect(row.textContent).toContain('4m 51s');
    expect(row.textContent).toContain('10m 00s');
    expect(row.textContent).toContain('7m 00s');
    expect(row.textContent).toContain('75.0 %');
    expect(row.textContent).toContain('1 missing · 0 negative · 2 officer-initiated');
    expect(await screen.findByText(/40 calls: median 4m 51s/)).toBeTruthy();
    expect(screen.getByText(/percentile_cont: linear interpolation/)).toBeTruthy();

    const query = server.queries.find((entry) => entry.get('groupBy') === 'priority')!;
    expect(Object.fromEntries(query)).toEqual({
      metric: 'processing',
      // The test agency's zone: local midnights of Jan 1 and Feb 1.
      from: expect.stringMatching(/^2026-01-01T\d\d:00:00.000Z$/),
      to: expect.stringMatching(/^2026-02-01T\d\d:00:00.000Z$/),
      groupBy: 'priority',
      district: '1',
    });
    // An empty comparison says so rather than drawing an empty chart.
    expect(
      (await screen.findAllByText('No call in this period and scope.')).length,
    ).toBeGreaterThan(0);
  });

  it('opens the exact calls behind a row, excluded ones with their reason', async () => {
    const server = statsServer();
    renderWithApp(routes, {
      path: '/stats?metric=processing&period=custom&from=2026-01-01&to=2026-01-31',
      fetch: server.fetch,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Show calls for P1' }));
    const panel = await screen.findByRole('region', { name: 'Calls behind: P1' });
    expect(await within(panel).findByText('I-1')).toBeTruthy();
    expect(within(panel).getByText('Left out: an instant is missing')).toBeTruthy();
    expect(within(panel).getByText(/1 included, 1 missing an instant/)).toBeTruthy();
    const drill = server.drills[0]!;
    expect([drill.get('groupBy'), drill.get('priority'), drill.get('status')]).toEqual([
      'priority',
      '1',
      'all',
    ]);
  });
});
