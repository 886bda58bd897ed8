import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createMongoAbility } from '@casl/ability';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalCallFields, type AppAbility, type Role } from '@watchfloor/authz';
import { callExportFormats, type AuditEventView } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { eidoDocumentSchema, mapEido } from '../../src/modules/ingest/eido.mapper.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';
import {
  binary,
  createCanaryCalls,
  markers,
  periodAroundNow,
  purpose,
  readXlsx,
} from './exports-fixtures.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;

const everyMarker = Object.values(markers);

describe.each(testDrivers())('call exports on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  const agents: Record<string, Agent> = {};
  const period = periodAroundNow();

  const exportAs = (who: string, query: Record<string, string>) =>
    agents[who]!.agent.get('/api/exports/calls')
      .query({ ...period, purpose, ...query })
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const users: { username: string; role: Role }[] = [
      { username: 'alex', role: 'analyst' },
      { username: 'dana', role: 'dispatcher' },
      { username: 'sam', role: 'supervisor' },
      { username: 'root', role: 'admin' },
    ];
    for (const user of users) {
      await buildUser(harness.services, user);
      agents[user.username] = await signIn(harness.app, user.username);
    }
    await createCanaryCalls(harness.services);
    // An open call: an analyst's export covers history only.
    await harness.services.callsService.create(
      createMongoAbility<AppAbility>([{ action: 'create', subject: 'Call' }]),
      cliActor,
      { callType: 'DIST', lat: 0.005, lon: 0.005, address: 'OPEN-CALL-ADDRESS' },
    );
  });
  afterAll(() => database.close());

  it.each(callExportFormats)('gives an analyst no personal data in %s', async (format) => {
    const response = await exportAs('alex', { format }).expect(200);
    const body = response.body as Buffer;
    const text = format === 'xlsx' ? JSON.stringify(await readXlsx(body)) : body.toString('utf8');
    expect(text).toContain('Canary St');
    for (const marker of everyMarker) expect(text).not.toContain(marker);
    expect(text).not.toContain('OPEN-CALL-ADDRESS');
    for (const field of personalCallFields) expect(text).not.toContain(`"${field}"`);
  });

  it.each(callExportFormats)(
    'carries the personal data to a requester whose field rules allow it, in %s',
    async (format) => {
      // No role may export personal data today; the field rules, not a list, decide.
      const ability = createMongoAbility<AppAbility>([{ action: 'export', subject: 'Call' }]);
      const prepared = await harness.services.exportsService.calls(ability, cliActor, {
        ...period,
        purpose,
        format,
      });
      const chunks: Buffer[] = [];
      await pipeline(
        await prepared.open(),
        new Writable({
          write(chunk: Buffer | string, _encoding, callback) {
            chunks.push(Buffer.from(chunk));
            callback();
          },
        }),
      );
      await prepared.finish('completed');
      const body = Buffer.concat(chunks);
      const text = format === 'xlsx' ? JSON.stringify(await readXlsx(body)) : body.toString('utf8');
      for (const marker of everyMarker) expect(text).toContain(marker);
      expect(text).toContain('OPEN-CALL-ADDRESS');
    },
  );

  it('refuses roles without export on Call (403) and audits the refusal', async () => {
    for (const who of ['dana', 'sam', 'root']) {
      await exportAs(who, { format: 'csv' }).expect(403);
      await agents[who]!.agent.get('/api/exports/calls/estimate').query(period).expect(403);
    }
    await harness.request().get('/api/exports/calls').query({ format: 'csv' }).expect(401);
    const events = await harness.services.auditService.list(
      createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]),
      { limit: 50 },
    );
    expect(
      events.some((event) => event.action === 'call.export' && event.outcome === 'denied'),
    ).toBe(true);
  });

  it('requires a purpose of 10 to 500 characters', async () => {
    for (const bad of ['', 'too short', 'x'.repeat(501)]) {
      const response = await exportAs('alex', { format: 'csv', purpose: bad }).expect(400);
      expect(response.body.toString()).toContain('purpose');
    }
    const missing = await agents
      .alex!.agent.get('/api/exports/calls')
      .query({ ...period, format: 'csv' })
      .expect(400);
    expect(JSON.stringify(missing.body)).toContain('purpose');
    await exportAs('alex', { format: 'pdf' }).expect(400);
  });

  it('names the file, states the time zone and renders instants with its offset', async () => {
    const response = await exportAs('alex', { format: 'csv', bom: 'true' }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['x-watchfloor-time-zone']).toBe('America/Chicago');
    const disposition = response.headers['content-disposition'] as string;
    expect(disposition).toMatch(
      /^attachment; filename="test_calls_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_exported-\d{8}T\d{6}[+-]\d{4}_tz-America-Chicago\.csv"; filename\*=UTF-8''test_calls_/,
    );
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(body.toString('utf8').slice(1), { columns: true });
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).not.toContain('callerName');
    expect(rows[0]!.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[56]:00$/);
    expect(Date.parse(rows[0]!.receivedAt!)).toBeGreaterThan(Date.parse(period.from));
    expect(rows.map((row) => row.status).sort()).toEqual(['cancelled', 'closed']);
    const xlsx = await exportAs('alex', { format: 'xlsx' }).expect(200);
    const about = (await readXlsx(xlsx.body as Buffer)).about;
    expect(about['Time zone']).toContain('America/Chicago');
    expect(about.Purpose).toBe(purpose);
    expect(about.Rows).toBe('2');
  });

  it('applies the filters and counts the same rows in the estimate', async () => {
    const closedOnly = await exportAs('alex', { format: 'ndjson', status: 'closed' }).expect(200);
    const lines = (closedOnly.body as Buffer).toString().trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { status: string }).status)).toEqual([
      'closed',
    ]);
    const none = await exportAs('alex', { format: 'ndjson', district: '2' }).expect(200);
    expect((none.body as Buffer).toString()).toBe('');
    const estimate = await agents
      .alex!.agent.get('/api/exports/calls/estimate')
      .query({ ...period, status: 'closed,cancelled' })
      .expect(200);
    expect(estimate.body).toEqual({ rows: 2, exact: true });
    const dispatcherScope = await agents
      .alex!.agent.get('/api/exports/calls/estimate')
      .query({ ...period, status: 'pending' })
      .expect(200);
    expect(dispatcherScope.body).toEqual({ rows: 0, exact: true });
  });

  it('writes GeoJSON points and EIDO documents the ingest mapper reads back', async () => {
    const geo = JSON.parse(
      ((await exportAs('alex', { format: 'geojson' }).expect(200)).body as Buffer).toString(),
    ) as { type: string; features: { geometry: { coordinates: number[] }; properties: object }[] };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(2);
    expect(geo.features[0]!.geometry.coordinates).toEqual([0.005, 0.005]);
    const documents = JSON.parse(
      ((await exportAs('alex', { format: 'eido' }).expect(200)).body as Buffer).toString(),
    ) as unknown[];
    expect(documents).toHaveLength(2);
    const statuses = documents.map((document) => {
      const mapped = mapEido(eidoDocumentSchema.parse(document), harness.services.directory);
      if (!mapped.ok) throw new Error(JSON.stringify(mapped.issues));
      expect(mapped.event).toMatchObject({ callType: 'DIST', priority: 1, lat: 0.005, lon: 0.005 });
      return mapped.event.status;
    });
    expect(statuses.sort()).toEqual(['cancelled', 'closed']);
  });

  it('audits each export with requester, purpose, filters, format, columns and rows', async () => {
    await exportAs('alex', { format: 'geojson', priority: '1' }).expect(200);
    const events = await harness.services.auditService.list(
      createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]),
      { limit: 1 },
    );
    const event = events[0]!;
    expect(event).toMatchObject({
      action: 'call.export',
      actorUsername: 'alex',
      outcome: 'success',
    });
    const details = event.details;
    expect(details).toMatchObject({
      purpose,
      format: 'geojson',
      rows: 2,
      result: 'completed',
      filters: { ...period, priority: [1] },
    });
    expect(details.columns).not.toContain('callerName');
    expect(String(details.fileName)).toMatch(/^test_calls_.*\.geojson$/);
    const view = await agents.root!.agent.get('/api/audit').expect(200);
    expect(
      (view.body as { events: AuditEventView[] }).events.some(
        (each) => each.action === 'call.export',
      ),
    ).toBe(true);
  });
});
