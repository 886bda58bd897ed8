import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { defineAbilityFor } from '@watchfloor/authz';
import type { Database } from '../../src/db/client.ts';
import { calls } from '../../src/db/schema.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import type { Services } from '../../src/services.ts';
import { callBody } from '../support/builders.ts';

/** A period around now: calls made through the services are received now. */
export function periodAroundNow() {
  const now = Date.now();
  return {
    from: new Date(now - 86_400_000).toISOString(),
    to: new Date(now + 86_400_000).toISOString(),
  };
}

export const purpose = 'Quarterly response-time review for the city council';

/** Unique strings planted in personal fields; none may reach a role without them. */
export const markers = {
  callerName: 'CANARY-NAME-7f3a91',
  callerPhone: '555-CANARY-4821',
  narrative: 'CANARY-NARRATIVE-c0ffee',
  note: 'CANARY-NOTE-beef42',
} as const;

const dispatcher = defineAbilityFor({
  id: 'fixture-dispatcher',
  role: 'dispatcher',
  districts: [],
});

/**
 * Calls with canaries in every personal field, made through the real services
 * (create, note, then cancel or close so they are history an analyst may export).
 */
export async function createCanaryCalls(services: Services): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, finish] of (['cancel', 'close'] as const).entries()) {
    const call = await services.callsService.create(
      dispatcher,
      cliActor,
      callBody({
        callerName: `${markers.callerName}-${index}`,
        callerPhone: markers.callerPhone,
        narrative: `${markers.narrative} "quoted", with a comma\nand a second line`,
        address: `${100 + index} Canary St`,
      }),
    );
    await services.callsService.addNote(dispatcher, cliActor, call.id, markers.note);
    if (finish === 'cancel') await services.callsService.cancel(dispatcher, cliActor, call.id, 'x');
    else await services.callsService.close(dispatcher, cliActor, call.id, 'RPT');
    ids.push(call.id);
  }
  return ids;
}

/** Every prefix OWASP says a spreadsheet may read as a formula. */
export const formulaPayloads = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\tTAB-START',
  '\rCR-START',
];

let counter = 0;

/**
 * Finished calls straight into the table (as the historical importer writes
 * them), `count` of them via `generate_series`, received within the period.
 */
export async function insertHistoricCalls(
  db: Database,
  options: {
    count: number;
    receivedAt: string;
    district?: string;
    priority?: number;
    callType?: string;
    status?: 'closed' | 'cancelled' | 'onscene';
    address?: string;
    callTypeDescription?: string;
  },
): Promise<void> {
  counter += 1;
  const prefix = `H${counter}-${Math.random().toString(36).slice(2, 8)}-`;
  const district = options.district ?? '1';
  await db.execute(sql`insert into ${calls} (incident_number, source, call_type, call_type_description,
      priority, original_priority, lat, lon, beat, district, status, received_at, closed_at, address,
      caller_name, caller_phone, narrative)
    select ${prefix} || n, 'test', ${options.callType ?? 'DIST'}, ${options.callTypeDescription ?? 'Disturbance'},
      ${options.priority ?? 1}, ${options.priority ?? 1}, 0.005, ${district === '2' ? 0.015 : 0.005},
      ${`${district}A`}, ${district}, ${options.status ?? 'closed'},
      ${options.receivedAt}::timestamptz + n * interval '1 millisecond',
      ${options.receivedAt}::timestamptz + interval '1 hour', ${options.address ?? '1 Bulk Way'},
      ${markers.callerName}, ${markers.callerPhone}, ${markers.narrative}
    from generate_series(1, ${options.count}) as n`);
}

/** Supertest: keep the body as a Buffer, whatever its type. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Cell values of the first sheet of an XLSX file, read back with ExcelJS. */
export async function readXlsx(body: Buffer): Promise<{
  rows: unknown[][];
  sheets: string[];
  about: Record<string, unknown>;
}> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  const sheet = workbook.worksheets[0]!;
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const about: Record<string, unknown> = {};
  workbook.getWorksheet('About')?.eachRow((row) => {
    const [label, value] = (row.values as unknown[]).slice(1);
    about[String(label)] = value;
  });
  return { rows, sheets: workbook.worksheets.map((each) => each.name), about };
}

/** Serves the app on a loopback port, for tests that need the raw socket. */
export async function listen(app: http.RequestListener) {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Signs in over plain HTTP and returns the session cookie. */
export async function sessionCookie(base: string, username: string, password: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
