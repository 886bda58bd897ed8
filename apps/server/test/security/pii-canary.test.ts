import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { latLngToCell } from 'h3-js';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@watchfloor/authz';
import {
  callExportFormats,
  drillDownStatuses,
  hotspotOrigins,
  intervalMetrics,
  statsExportFormats,
  type Call,
  type CallDetail,
} from '@watchfloor/contracts';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import type { Services } from '../../src/services.ts';
import { binary } from '../exports/exports-fixtures.ts';
import { inDistrict } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import {
  startRealtimeHarness,
  type ClientSocket,
  type RealtimeHarness,
  type ReceivedMessage,
} from '../support/realtime-harness.ts';
import { buildUser } from '../support/test-app.ts';
import { appRoutes } from '../support/route-table.ts';
import { makeCanaries, workCalls, type Canaries, type WorkedCalls } from './privacy-workflow.ts';

/*
 * The PII canary: caller data and a dispatcher's free text, planted as unique
 * strings and worked through every action, must reach no reader whose field rules
 * deny them caller data — on any GET route, in any export format, in the audit log
 * or on a socket.
 */

/** Everyone who may not read the caller data of the workflow's calls (all in district 1). */
const personas: { label: string; role: Role; districts?: string[] }[] = [
  { label: 'analyst', role: 'analyst' },
  { label: 'admin', role: 'admin' },
  { label: 'dispatcher of district 2', role: 'dispatcher', districts: ['2'] },
  { label: 'supervisor of district 2', role: 'supervisor', districts: ['2'] },
];

interface Context {
  worked: WorkedCalls;
  /** The watchers' accounts, whose sessions an administrator may list. */
  userIds: string[];
  period: { from: string; to: string };
}

const purpose = 'Privacy canary review of every export format';
const query = (values: Record<string, string>) => `?${new URLSearchParams(values).toString()}`;

/** Every GET route the app serves, and the URLs that exercise it. */
const getRoutes: Record<string, (context: Context) => string[]> = {
  'GET /healthz': () => ['/healthz'],
  'GET /readyz': () => ['/readyz'],
  'GET /api/openapi.json': () => ['/api/openapi.json'],
  'GET /api/auth/csrf': () => ['/api/auth/csrf'],
  'GET /api/me': () => ['/api/me'],
  'GET /api/auth/providers': () => ['/api/auth/providers'],
  'GET /api/auth/oidc/login': () => ['/api/auth/oidc/login'],
  'GET /api/auth/oidc/callback': () => ['/api/auth/oidc/callback'],
  'GET /api/auth/mfa': () => ['/api/auth/mfa'],
  'GET /api/auth/mfa/status': () => ['/api/auth/mfa/status'],
  'GET /api/agency': () => ['/api/agency'],
  'GET /api/users': () => ['/api/users'],
  'GET /api/users/:id/sessions': ({ userIds }) => userIds.map((id) => `/api/users/${id}/sessions`),
  'GET /api/tokens': () => ['/api/tokens'],
  'GET /api/audit/verification': () => ['/api/audit/verification'],
  'GET /api/audit': () => ['/api/audit?limit=500'],
  'GET /api/audit/export': () => [`/api/audit/export${query({ purpose })}`],
  'GET /api/calls': () => ['/api/calls', '/api/calls?status=closed,cancelled'],
  'GET /api/calls/:id': ({ worked }) => worked.all.map((id) => `/api/calls/${id}`),
  'GET /api/units': () => ['/api/units'],
  'GET /api/stats/response-times': ({ period }) =>
    intervalMetrics.map(
      (metric) => `/api/stats/response-times${query({ metric, ...period, groupBy: 'district' })}`,
    ),
  'GET /api/stats/response-times/calls': ({ period }) =>
    intervalMetrics.flatMap((metric) =>
      drillDownStatuses.map(
        (status) => `/api/stats/response-times/calls${query({ metric, status, ...period })}`,
      ),
    ),
  'GET /api/stats/response-times/histogram': ({ period }) =>
    intervalMetrics.map(
      (metric) => `/api/stats/response-times/histogram${query({ metric, ...period })}`,
    ),
  'GET /api/hotspots': ({ period }) =>
    hotspotOrigins.map((origin) => `/api/hotspots${query({ ...period, origin })}`),
  'GET /api/hotspots/export': ({ period }) => [
    `/api/hotspots/export${query({ ...period, purpose })}`,
  ],
  'GET /api/hotspots/cells/:cell/calls': ({ period }) => {
    const { lat, lon } = inDistrict('1');
    return [`/api/hotspots/cells/${latLngToCell(lat, lon, 8)}/calls${query(period)}`];
  },
  'GET /api/history/snapshot': ({ worked }) =>
    worked.instants.map((at) => `/api/history/snapshot${query({ at })}`),
  'GET /api/history/events': ({ worked }) => [
    `/api/history/events${query({ from: worked.startedAt, to: new Date().toISOString() })}`,
  ],
  'GET /api/history/calls/:id/replay': ({ worked }) =>
    worked.all.map((id) => `/api/history/calls/${id}/replay`),
  'GET /api/exports/calls': ({ period }) =>
    callExportFormats.map((format) => `/api/exports/calls${query({ format, ...period, purpose })}`),
  'GET /api/exports/calls/estimate': ({ period }) => [
    `/api/exports/calls/estimate${query(period)}`,
  ],
  'GET /api/exports/stats': ({ period }) =>
    statsExportFormats.map(
      (format) => `/api/exports/stats${query({ format, metric: 'response', ...period, purpose })}`,
    ),
  'GET /{*route}': () => ['/calls'],
};

const spreadsheet = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The text of a response as a reader would see it: every cell of a workbook, else the bytes. */
async function readable(contentType: string | undefined, body: Buffer): Promise<string> {
  if (!contentType?.startsWith(spreadsheet)) return body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) => cells.push(JSON.stringify(row.values)));
  return cells.join('\n');
}

/** Which canaries a text carries, by name. */
function canariesIn(text: string, canaries: Canaries): string[] {
  return Object.entries(canaries)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

describe.each(testDrivers())('the PII canary on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: RealtimeHarness;
  let services: Services;
  const canaries = makeCanaries();
  let context: Context;
  /** A GET as each reader: with their session cookie, or none. */
  const readers = new Map<string, (url: string) => supertest.Test>();
  const as = (cookie: string | undefined) => (url: string) => {
    const request = supertest(harness.server).get(url);
    return cookie ? request.set('Cookie', cookie) : request;
  };
  const sockets = new Map<
    string,
    { socket: ClientSocket; received: ReceivedMessage[]; barrier: () => Promise<unknown> }
  >();

  /** GETs a URL as `who`; returns the status and what the reader sees of the body. */
  async function fetchAs(who: string, url: string) {
    const response = await readers.get(who)!(url).buffer(true).parse(binary);
    const body = response.body as Buffer;
    return {
      status: response.status,
      text: await readable(response.headers['content-type'], body),
    };
  }

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    // The real presenters on the socket, as main.ts wires them.
    harness = await startRealtimeHarness(database, {
      loadCall: (callId, ability) => services.callsService.loadForAbility(callId, ability),
      loadUnit: (unitId) => services.unitsService.loadForRooms(unitId),
    });
    services = harness.services;
    const watchers = [...personas, { label: 'dispatcher watching', role: 'dispatcher' as Role }];
    const userIds: string[] = [];
    for (const [index, persona] of watchers.entries()) {
      const user = await buildUser(services, {
        username: `watcher-${index}`,
        role: persona.role,
        districts: persona.districts ?? [],
      });
      userIds.push(user.id);
      const client = await harness.connectAs(user);
      readers.set(persona.label, as(client.cookie));
      sockets.set(persona.label, { ...client, barrier: () => harness.barrier(client) });
    }
    readers.set('anonymous', as(undefined));
    context = {
      userIds,
      worked: await workCalls(harness.server, services, database.db, canaries),
      period: {
        from: new Date(Date.now() - 86_400_000).toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      },
    };
    for (const { barrier } of sockets.values()) await barrier();
  });
  afterAll(async () => {
    await harness.close();
    await database.close();
  });

  it('has URLs for every GET route the app serves, and none it does not', () => {
    expect(
      appRoutes(harness.testApp.app)
        .filter((route) => route.method === 'GET')
        .map((route) => `GET ${route.path}`)
        .sort(),
    ).toEqual(Object.keys(getRoutes).sort());
  });

  it('planted the canaries where a dispatcher reads them (the suite is not vacuous)', async () => {
    readers.set('dispatcher', as((await harness.signInCookie('dana')).cookie));
    const seen = new Set<string>();
    for (const id of context.worked.all) {
      const { status, text } = await fetchAs('dispatcher', `/api/calls/${id}`);
      expect(status).toBe(200);
      for (const name of canariesIn(text, canaries)) seen.add(name);
    }
    const expected = Object.keys(canaries).filter((name) => name !== 'closeComment');
    expect([...seen].sort()).toEqual(expected.sort());
    const socket = sockets.get('dispatcher watching')!;
    expect(canariesIn(JSON.stringify(socket.received), canaries)).toContain('editedName');
  });

  it('stores no close comment: the close action takes a disposition only', async () => {
    const { text } = await fetchAs('dispatcher', `/api/calls/${context.worked.closed}`);
    expect((JSON.parse(text) as CallDetail).disposition).toBe('RPT');
    expect(text).not.toContain(canaries.closeComment);
  });

  describe.each([...personas.map((persona) => persona.label), 'anonymous'])('%s', (who) => {
    it('finds no canary on any GET route or in any export format', async () => {
      const leaks: string[] = [];
      const statuses: Record<string, number> = {};
      for (const urls of Object.values(getRoutes)) {
        for (const url of urls(context)) {
          const { status, text } = await fetchAs(who, url);
          statuses[url] = status;
          for (const name of canariesIn(text, canaries)) leaks.push(`${name} in ${url}`);
        }
      }
      expect(leaks).toEqual([]);
      // Not vacuous: the reader was answered where their role reads.
      if (who === 'analyst') {
        expect(statuses[`/api/history/calls/${context.worked.cancelled}/replay`]).toBe(200);
        expect(statuses[`/api/history/calls/${context.worked.open}/replay`]).toBe(404);
        const { text } = await fetchAs(who, `/api/calls/${context.worked.cancelled}`);
        const detail = JSON.parse(text) as CallDetail;
        expect(detail.timeline.map((event) => event.type)).toContain('status_changed');
        expect(detail.timeline.at(-1)?.data).toMatchObject({ status: 'cancelled' });
      }
      if (who === 'admin') expect(statuses['/api/audit?limit=500']).toBe(200);
    });

    it('receives no canary on its socket', () => {
      const received = sockets.get(who)?.received ?? [];
      expect(canariesIn(JSON.stringify(received), canaries)).toEqual([]);
    });
  });

  it('stores no canary in the audit log, whoever might read it later', async () => {
    const rows = await queryRows<{ row: string }>(
      database.db,
      sql`select concat_ws(' ', actor_username, subject_id, details::text) as row from audit_events`,
    );
    expect(canariesIn(rows.map((each) => each.row).join('\n'), canaries)).toEqual([]);
  });

  it('lets the analyst read the finished calls it may (without caller data)', async () => {
    const { text } = await fetchAs('analyst', `/api/calls/${context.worked.closed}`);
    const call = JSON.parse(text) as Call;
    expect(call.status).toBe('closed');
    expect(call).not.toHaveProperty('callerName');
  });
});
