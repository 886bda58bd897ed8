import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@watchfloor/authz';
import type { HotspotCellCalls, HotspotResponse } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { and, eq } from 'drizzle-orm';
import { auditEvents, calls } from '../../src/db/schema.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;

// Two places far enough apart to fall in different resolution-8 hexagons.
const placeA = { lat: 37.8044, lon: -122.2712 };
const placeB = { lat: 37.7799, lon: -122.2197 };
const window = { from: '2026-01-20T00:00:00Z', to: '2026-01-27T00:00:00Z' };
const inWindow = '2026-01-22T18:30:00Z';
const inPreviousWindow = '2026-01-15T18:30:00Z';

let counter = 0;
function call(
  place: { lat: number; lon: number } | null,
  overrides: Partial<typeof calls.$inferInsert> = {},
) {
  counter += 1;
  return {
    incidentNumber: `H-${counter}`,
    source: 'test',
    callType: 'DIST',
    callTypeDescription: 'Disturbance',
    priority: 2,
    originalPriority: 2,
    officerInitiated: false,
    lat: place?.lat ?? null,
    lon: place?.lon ?? null,
    district: '1',
    status: 'closed',
    receivedAt: new Date(inWindow),
    closedAt: new Date(inWindow),
    callerName: `CANARY-NAME-${counter}`,
    callerPhone: `CANARY-PHONE-${counter}`,
    narrative: `CANARY-NARRATIVE-${counter}`,
    ...overrides,
  };
}

describe.each(testDrivers())('hotspots on %s', (driver) => {
  let database: DatabaseHandle;
  const agents: Record<string, Agent> = {};
  const cellA = latLngToCell(placeA.lat, placeA.lon, 8);
  const cellB = latLngToCell(placeB.lat, placeB.lon, 8);

  const grid = async (who: string, query: Record<string, string>) =>
    (
      await agents[who]!.agent.get('/api/hotspots')
        .query({ ...window, ...query })
        .expect(200)
    ).body as HotspotResponse;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const harness = await buildTestApp(database);
    const users: { username: string; role: Role; districts?: string[] }[] = [
      { username: 'dana', role: 'dispatcher' },
      { username: 'alex', role: 'analyst' },
      { username: 'sam', role: 'supervisor', districts: ['2'] },
      { username: 'root', role: 'admin' },
    ];
    for (const user of users) {
      await buildUser(harness.services, user);
      agents[user.username] = await signIn(harness.app, user.username);
    }
    await database.db.insert(calls).values([
      call(placeA),
      call(placeA),
      call(placeA, { callType: 'THEFT' }),
      call(placeB, { district: '2' }),
      call(placeA, { officerInitiated: true, callType: 'SECCK' }),
      call(placeA, { officerInitiated: true, callType: 'SECCK' }),
      call(placeA, { receivedAt: new Date(inPreviousWindow) }),
      call(null),
      // Open: an analyst never counts it.
      call(placeB, { status: 'pending', closedAt: null, district: '2' }),
    ]);
    expect(cellA).not.toBe(cellB);
  });
  afterAll(() => database.close());

  it('counts community calls per hexagon, busiest first, against the previous window', async () => {
    const body = await grid('dana', {});
    expect(body.previous).toEqual({
      from: '2026-01-13T00:00:00.000Z',
      to: '2026-01-20T00:00:00.000Z',
    });
    expect(body.cells).toEqual([
      { cell: cellA, count: 3, previousCount: 1, change: 2 },
      { cell: cellB, count: 2, previousCount: 0, change: null },
    ]);
    expect([body.total, body.previousTotal, body.unlocated]).toEqual([6, 1, 1]);
  });

  it('keeps officer-initiated calls apart, and filters by type and local hour', async () => {
    const officer = await grid('dana', { origin: 'officer' });
    expect(officer.cells.map((cell) => [cell.cell, cell.count])).toEqual([[cellA, 2]]);
    const theft = await grid('dana', { callType: 'THEFT' });
    expect(theft.cells.map((cell) => [cell.cell, cell.count])).toEqual([[cellA, 1]]);
    // 18:30 UTC is 12:30 in the test agency's zone (America/Chicago, UTC−6 in January).
    expect((await grid('dana', { hour: '12' })).total).toBe(6);
    expect((await grid('dana', { hour: '18' })).total).toBe(0);
  });

  it('scopes by the requester: analysts finished calls, supervisors their districts', async () => {
    const analyst = await grid('alex', {});
    expect(analyst.cells).toEqual([
      { cell: cellA, count: 3, previousCount: 1, change: 2 },
      { cell: cellB, count: 1, previousCount: 0, change: null },
    ]);
    const supervisor = await grid('sam', {});
    expect(supervisor.cells.map((cell) => [cell.cell, cell.count])).toEqual([[cellB, 2]]);
    await agents.root!.agent.get('/api/hotspots').query(window).expect(403);
  });

  it('lists the calls of one hexagon, with the field rules of the reader', async () => {
    const path = `/api/hotspots/cells/${cellA}/calls`;
    const asDispatcher = (await agents.dana!.agent.get(path).query(window).expect(200))
      .body as HotspotCellCalls;
    expect(asDispatcher.calls).toHaveLength(3);
    expect(asDispatcher.calls.every((entry) => entry.callerName?.startsWith('CANARY'))).toBe(true);
    const asAnalyst = (await agents.alex!.agent.get(path).query(window).expect(200))
      .body as HotspotCellCalls;
    expect(asAnalyst.calls).toHaveLength(3);
    expect(JSON.stringify(asAnalyst)).not.toContain('CANARY');
  });

  it('exports the hexagon table with a purpose, and writes it in the audit log', async () => {
    const query = { ...window, purpose: 'Monthly patrol planning review' };
    await agents.alex!.agent.get('/api/hotspots/export').query(window).expect(400);
    const response = await agents.alex!.agent.get('/api/hotspots/export').query(query).expect(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="?test-hotspots-2026-01-20-to-2026-01-27-exported-[\dTZ.-]+\.csv"?$/,
    );
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'rank,h3_cell,resolution,centre_lat,centre_lon,calls,previous_calls,change,origin,from,to',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
      ['1', cellA],
      ['2', cellB],
    ]);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'hotspots.export'));
    expect(audit).toMatchObject({
      actorUsername: 'alex',
      outcome: 'success',
      details: expect.objectContaining({ purpose: 'Monthly patrol planning review', rows: 2 }),
    });
    // Supervisors read calls but export nothing; the refusal is on record too.
    await agents.sam!.agent.get('/api/hotspots/export').query(query).expect(403);
    const refusals = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'hotspots.export'), eq(auditEvents.outcome, 'denied')));
    expect(refusals).toMatchObject([{ actorUsername: 'sam' }]);
  });

  it('refuses bad input with every bad field', async () => {
    const bad = await agents
      .dana!.agent.get('/api/hotspots')
      .query({ from: window.to, to: window.from, resolution: '3', origin: 'both' })
      .expect(400);
    const paths = (bad.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (issue) => issue.path,
    );
    expect(paths.sort()).toEqual(['origin', 'resolution', 'to']);
    await agents.dana!.agent.get('/api/hotspots/cells/not-a-cell/calls').query(window).expect(400);
  });
});
