import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import type { Call } from '@watchfloor/contracts';
import type { Database } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import type { Services } from '../../src/services.ts';
import { buildUnit, inDistrict } from '../support/builders.ts';
import { buildUser, signIn } from '../support/test-app.ts';

/** What the workflow writes into every free-text and caller field: unique per run. */
export function makeCanaries() {
  const tag = randomBytes(4).toString('hex');
  const canary = (label: string) => `CANARY${label}${tag}`;
  return {
    callerName: canary('NAME'),
    callerPhone: `555-${canary('PHONE')}`,
    narrative: canary('NARRATIVE'),
    editedName: canary('EDITEDNAME'),
    editedNarrative: canary('EDITEDNARRATIVE'),
    note: canary('NOTE'),
    cancelReason: canary('CANCELREASON'),
    closeComment: canary('CLOSECOMMENT'),
    ingestedName: canary('INGESTEDNAME'),
    ingestedPhone: canary('INGESTEDPHONE'),
    ingestedNarrative: canary('INGESTEDNARRATIVE'),
  };
}
export type Canaries = ReturnType<typeof makeCanaries>;

type App = NonNullable<Parameters<typeof supertest.agent>[0]>;

export interface WorkedCalls {
  /** Closed after dispatch, en route, on scene and a note. */
  closed: string;
  /** Cancelled, with a reason. */
  cancelled: string;
  /** Still pending: live work. */
  open: string;
  /** Created and closed by a CAD feed. */
  ingested: string;
  all: string[];
  /** Instants inside the workflow, to rebuild the past at. */
  instants: string[];
  startedAt: string;
}

/**
 * Works calls through every dispatcher action over HTTP, and a CAD feed through
 * ingest, with canaries in every caller field and free text. All calls are in
 * district 1.
 */
export async function workCalls(
  app: App,
  services: Services,
  db: Database,
  canaries: Canaries,
): Promise<WorkedCalls> {
  const startedAt = new Date(Date.now() - 1000).toISOString();
  const instants: string[] = [];
  const mark = () => instants.push(new Date().toISOString());
  await buildUser(services, { username: 'dana', role: 'dispatcher' });
  const dispatcher = await signIn(app, 'dana');
  const send = (method: 'post' | 'patch', path: string, body: object, status: number) =>
    dispatcher.agent[method](path)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send(body)
      .expect(status)
      .then((response) => response.body as Call);
  const post = (path: string, body: object, status = 200) => send('post', path, body, status);
  const where = inDistrict('1');
  const units = await Promise.all(
    ['1A', '1B', '1C'].map((callSign) => buildUnit(db, { callSign, ...where })),
  );
  const [first, second, third] = units.map((unit) => unit.id) as [string, string, string];
  const create = () =>
    post(
      '/api/calls',
      {
        callType: 'DIST',
        ...where,
        address: '10 Plain St',
        callerName: canaries.callerName,
        callerPhone: canaries.callerPhone,
        narrative: canaries.narrative,
      },
      201,
    );

  const closed = await create();
  await dispatcher.agent
    .patch(`/api/calls/${closed.id}`)
    .set('X-CSRF-Token', dispatcher.csrfToken)
    .set('If-Match', `"${closed.version}"`)
    .send({ callerName: canaries.editedName, narrative: canaries.editedNarrative, priority: 2 })
    .expect(200);
  await post(`/api/calls/${closed.id}/assign`, { unitId: first });
  await post(`/api/calls/${closed.id}/assign`, { unitId: second });
  await post(`/api/calls/${closed.id}/unassign`, { unitId: second });
  mark();
  await post(`/api/units/${first}/status`, { status: 'enroute' });
  await post(`/api/units/${first}/status`, { status: 'onscene' });
  await post(`/api/calls/${closed.id}/notes`, { text: canaries.note }, 201);
  mark();
  // A close "comment" is not part of the API: it must be dropped, never stored.
  await post(`/api/calls/${closed.id}/close`, {
    disposition: 'RPT',
    comment: canaries.closeComment,
  });

  const cancelled = await create();
  await post(`/api/calls/${cancelled.id}/assign`, { unitId: third });
  const assigned = await dispatcher.agent.get(`/api/calls/${cancelled.id}`).expect(200);
  await dispatcher.agent
    .patch(`/api/calls/${cancelled.id}`)
    .set('X-CSRF-Token', dispatcher.csrfToken)
    .set('If-Match', `"${(assigned.body as Call).version}"`)
    .send({ status: 'enroute' })
    .expect(200);
  await post(`/api/calls/${cancelled.id}/notes`, { text: canaries.note }, 201);
  mark();
  await post(`/api/calls/${cancelled.id}/cancel`, { reason: canaries.cancelReason });

  const open = await create();
  await post(`/api/calls/${open.id}/notes`, { text: canaries.note }, 201);
  mark();

  const ingested = await ingestCall(app, services, canaries);
  mark();
  return {
    closed: closed.id,
    cancelled: cancelled.id,
    open: open.id,
    ingested,
    all: [closed.id, cancelled.id, open.id, ingested],
    instants,
    startedAt,
  };
}

/** A call created, updated and closed by a CAD feed, with canaries in its caller fields. */
async function ingestCall(app: App, services: Services, canaries: Canaries): Promise<string> {
  const { token } = await services.tokensService.create(cliActor, 'privacy-cad');
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
  const response = await supertest(app)
    .post('/api/ingest/calls')
    .set('Authorization', `Bearer ${token}`)
    .send({
      source: 'privacy-cad',
      events: [
        {
          sourceEventId: 'e1',
          sourceCallId: 'P1',
          at: at(3),
          callType: 'DIST',
          ...inDistrict('1'),
          callerName: canaries.ingestedName,
          callerPhone: canaries.ingestedPhone,
          narrative: canaries.ingestedNarrative,
          units: ['1A'],
        },
        {
          sourceEventId: 'e2',
          sourceCallId: 'P1',
          at: at(2),
          status: 'onscene',
          narrative: `${canaries.ingestedNarrative} again`,
        },
        {
          sourceEventId: 'e3',
          sourceCallId: 'P1',
          at: at(1),
          status: 'closed',
          disposition: 'RPT',
        },
      ],
    })
    .expect(200);
  const results = (response.body as { results: { outcome: string; callId?: string }[] }).results;
  if (results.some((result) => result.outcome !== 'applied'))
    throw new Error(`ingest did not apply: ${JSON.stringify(results)}`);
  return results[0]!.callId!;
}
