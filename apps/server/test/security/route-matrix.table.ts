import { latLngToCell } from 'h3-js';
import { inDistrict } from '../support/builders.ts';

/**
 * Who asks. Every route is tried as each of them: no credentials, each role a person
 * can hold, a dispatcher and a supervisor limited to the other district, an
 * integration token on a session route, and an account disabled after sign-in.
 */
export const principals = [
  'anonymous',
  'dispatcher',
  'supervisor',
  'analyst',
  'admin',
  'dispatcherOfOtherDistrict',
  'supervisorOfOtherDistrict',
  'integrationToken',
  'disabledUser',
] as const;
export type Principal = (typeof principals)[number];

/** What a request works on; `freshCall` is a new open call in district 1 for this cell alone. */
export interface MatrixFixtures {
  openCallId: string;
  finishedCallId: string;
  unitId: string;
  assignedUnitId: string;
  /** A person none of the principals is, for administration on someone else. */
  targetUserId: string;
  /** An integration token nobody sends with, for revocation. */
  revocableTokenId: string;
  /** A new person signed in once: their id and the handle of that session. */
  freshUserSession: () => Promise<{ userId: string; handle: string }>;
  freshCall: () => Promise<string>;
  freshAssignedCall: () => Promise<{ callId: string; unitId: string }>;
}

export interface MatrixRequest {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixRow {
  request: (fixtures: MatrixFixtures) => MatrixRequest | Promise<MatrixRequest>;
  /** The status each principal must get. */
  expected: Record<Principal, number>;
  /** Signs in anew for this cell (the request ends the session it runs in). */
  freshSession?: boolean;
}

const now = Date.now();
const window = {
  from: new Date(now - 7 * 86_400_000).toISOString(),
  to: new Date(now + 3_600_000).toISOString(),
};
const cell = latLngToCell(inDistrict('1').lat, inDistrict('1').lon, 8);
const purpose = 'Route matrix: response time review';

/** Routes anyone may call, signed in or not. */
const everyone = (status: number): Record<Principal, number> =>
  Object.fromEntries(principals.map((principal) => [principal, status])) as Record<
    Principal,
    number
  >;

/**
 * A session route: no session (anonymous, a bearer token, a disabled account) is 401;
 * the people get what `people` says.
 */
function session(
  people: Pick<
    Record<Principal, number>,
    | 'dispatcher'
    | 'supervisor'
    | 'analyst'
    | 'admin'
    | 'dispatcherOfOtherDistrict'
    | 'supervisorOfOtherDistrict'
  >,
): Record<Principal, number> {
  return { anonymous: 401, integrationToken: 401, disabledUser: 401, ...people };
}

/** Only the same status for every person (e.g. an agency-wide read). */
const anyPerson = (status: number) =>
  session({
    dispatcher: status,
    supervisor: status,
    analyst: status,
    admin: status,
    dispatcherOfOtherDistrict: status,
    supervisorOfOtherDistrict: status,
  });

/** Ingest: the integration token only; everybody else lacks one. */
const ingest = (accepted: number): Record<Principal, number> => ({
  ...everyone(401),
  integrationToken: accepted,
});

/**
 * Live work on a call in district 1: the dispatchers who may work it do; those
 * who may only read it are refused (403); those who may not see it get 404, so
 * nothing tells them it exists.
 */
const workOnCall = (done: number) =>
  session({
    dispatcher: done,
    supervisor: 403,
    analyst: 404,
    admin: 404,
    dispatcherOfOtherDistrict: 404,
    supervisorOfOtherDistrict: 404,
  });

/** Analytics: the roles that read response statistics. */
const analytics = session({
  dispatcher: 403,
  supervisor: 200,
  analyst: 200,
  admin: 403,
  dispatcherOfOtherDistrict: 403,
  supervisorOfOtherDistrict: 200,
});

/** A person of a role that grants this reads; the others are refused. */
const onlyFor = (allowed: Partial<Record<Principal, number>>, refused = 403) =>
  session({
    dispatcher: refused,
    supervisor: refused,
    analyst: refused,
    admin: refused,
    dispatcherOfOtherDistrict: refused,
    supervisorOfOtherDistrict: refused,
    ...allowed,
  });

/** Everyone who works or reviews the floor and history: all but admins. */
const floorAndHistory = onlyFor({
  dispatcher: 200,
  supervisor: 200,
  analyst: 200,
  dispatcherOfOtherDistrict: 200,
  supervisorOfOtherDistrict: 200,
});

/** The matrix: one row per route the app serves (the suite fails on a route without one). */
export const routeMatrix: Record<string, MatrixRow> = {
  'GET /healthz': { request: () => ({ path: '/healthz' }), expected: everyone(200) },
  'GET /readyz': { request: () => ({ path: '/readyz' }), expected: everyone(200) },
  'GET /api/openapi.json': {
    request: () => ({ path: '/api/openapi.json' }),
    expected: everyone(200),
  },
  'GET /api/auth/csrf': { request: () => ({ path: '/api/auth/csrf' }), expected: anyPerson(200) },
  'POST /api/auth/login': {
    // Wrong credentials from everyone: sign-in answers the same 401 whoever asks.
    request: () => ({ path: '/api/auth/login', body: { username: 'nobody', password: 'x' } }),
    expected: everyone(401),
  },
  'POST /api/auth/logout': {
    request: () => ({ path: '/api/auth/logout' }),
    expected: anyPerson(204),
    freshSession: true,
  },
  'GET /api/me': { request: () => ({ path: '/api/me' }), expected: anyPerson(200) },
  'GET /api/auth/providers': {
    request: () => ({ path: '/api/auth/providers' }),
    expected: everyone(200),
  },
  // Single sign-on is not configured in the matrix's app (sso.test.ts drives it).
  'GET /api/auth/oidc/login': {
    request: () => ({ path: '/api/auth/oidc/login' }),
    expected: everyone(404),
  },
  'GET /api/auth/oidc/callback': {
    request: () => ({ path: '/api/auth/oidc/callback', query: { code: 'x', state: 'y' } }),
    expected: everyone(404),
  },
  // Without a password accepted in this session, nobody has a second factor to prove.
  'GET /api/auth/mfa': { request: () => ({ path: '/api/auth/mfa' }), expected: everyone(401) },
  'POST /api/auth/mfa': {
    request: () => ({ path: '/api/auth/mfa', body: { code: '123456' } }),
    expected: everyone(401),
  },
  'GET /api/auth/mfa/status': {
    request: () => ({ path: '/api/auth/mfa/status' }),
    expected: anyPerson(200),
  },
  'POST /api/auth/mfa/totp/enroll': {
    request: () => ({ path: '/api/auth/mfa/totp/enroll' }),
    expected: anyPerson(200),
    freshSession: true,
  },
  // A signed-in person may confirm only an enrolment this session started: 409 without.
  'POST /api/auth/mfa/totp/confirm': {
    request: () => ({ path: '/api/auth/mfa/totp/confirm', body: { code: '123456' } }),
    expected: anyPerson(409),
    freshSession: true,
  },
  'POST /api/auth/mfa/webauthn/options': {
    request: () => ({ path: '/api/auth/mfa/webauthn/options' }),
    expected: everyone(401),
  },
  'POST /api/auth/mfa/webauthn/register/options': {
    request: () => ({ path: '/api/auth/mfa/webauthn/register/options' }),
    expected: anyPerson(200),
    freshSession: true,
  },
  // A signed-in person may answer only a challenge this session was given: 409 without.
  'POST /api/auth/mfa/webauthn/register': {
    request: () => ({
      path: '/api/auth/mfa/webauthn/register',
      body: { response: { id: 'x', rawId: 'x', type: 'public-key', response: {} } },
    }),
    expected: anyPerson(409),
    freshSession: true,
  },
  'GET /api/tokens': {
    request: () => ({ path: '/api/tokens' }),
    expected: onlyFor({ admin: 200 }),
  },
  'POST /api/tokens': {
    request: () => ({ path: '/api/tokens', body: { name: 'matrix-new-feed' } }),
    expected: onlyFor({ admin: 201 }),
  },
  'POST /api/tokens/{id}/revoke': {
    request: ({ revocableTokenId }) => ({ path: `/api/tokens/${revocableTokenId}/revoke` }),
    expected: onlyFor({ admin: 200 }),
  },
  'POST /api/users/{id}/disable': {
    request: ({ targetUserId }) => ({ path: `/api/users/${targetUserId}/disable` }),
    expected: onlyFor({ admin: 200 }, 404),
  },
  'POST /api/users/{id}/enable': {
    request: ({ targetUserId }) => ({ path: `/api/users/${targetUserId}/enable` }),
    expected: onlyFor({ admin: 200 }, 404),
  },
  'POST /api/users/{id}/unlock': {
    request: ({ targetUserId }) => ({ path: `/api/users/${targetUserId}/unlock` }),
    expected: onlyFor({ admin: 200 }, 404),
  },
  'POST /api/users/{id}/mfa/reset': {
    request: ({ targetUserId }) => ({ path: `/api/users/${targetUserId}/mfa/reset` }),
    expected: onlyFor({ admin: 200 }, 404),
  },
  'POST /api/users': {
    request: () => ({
      path: '/api/users',
      body: { username: 'matrix-new-user', role: 'analyst' },
    }),
    expected: onlyFor({ admin: 201 }),
  },
  'PATCH /api/users/{id}': {
    request: ({ targetUserId }) => ({
      path: `/api/users/${targetUserId}`,
      body: { displayName: 'Matrix Target' },
    }),
    expected: onlyFor({ admin: 200 }, 404),
  },
  'POST /api/users/{id}/password/reset': {
    request: ({ targetUserId }) => ({ path: `/api/users/${targetUserId}/password/reset` }),
    expected: onlyFor({ admin: 200 }, 404),
  },
  'GET /api/users/{id}/sessions': {
    request: ({ targetUserId }) => ({ path: `/api/users/${targetUserId}/sessions` }),
    expected: onlyFor({ admin: 200 }, 404),
  },
  'POST /api/users/{id}/sessions/{sessionId}/end': {
    request: async ({ freshUserSession }) => {
      const { userId, handle } = await freshUserSession();
      return { path: `/api/users/${userId}/sessions/${handle}/end` };
    },
    expected: onlyFor({ admin: 204 }, 404),
  },
  // Every person may change their own password; a wrong current one is a 400, not a change.
  'POST /api/auth/password': {
    request: () => ({
      path: '/api/auth/password',
      body: { currentPassword: 'not the password', newPassword: 'quiet ferry lamplight 7' },
    }),
    expected: anyPerson(400),
  },
  'GET /api/agency': { request: () => ({ path: '/api/agency' }), expected: anyPerson(200) },
  'GET /api/users': {
    request: () => ({ path: '/api/users' }),
    expected: onlyFor({ admin: 200 }),
  },
  'GET /api/audit/verification': {
    request: () => ({ path: '/api/audit/verification' }),
    expected: onlyFor({ admin: 200 }),
  },
  'GET /api/audit': {
    request: () => ({ path: '/api/audit' }),
    expected: onlyFor({ admin: 200 }),
  },
  'GET /api/audit/export': {
    request: () => ({ path: '/api/audit/export', query: { purpose } }),
    expected: onlyFor({ admin: 200 }),
  },
  'GET /api/calls': {
    request: () => ({ path: '/api/calls' }),
    expected: floorAndHistory,
  },
  'POST /api/calls': {
    request: () => ({
      path: '/api/calls',
      body: { callType: 'DIST', ...inDistrict('1'), address: '1 Matrix Way' },
    }),
    expected: session({
      dispatcher: 201,
      supervisor: 403,
      analyst: 403,
      admin: 403,
      dispatcherOfOtherDistrict: 403,
      supervisorOfOtherDistrict: 403,
    }),
  },
  'GET /api/calls/{id}': {
    request: (fx) => ({ path: `/api/calls/${fx.openCallId}` }),
    expected: session({
      dispatcher: 200,
      supervisor: 200,
      analyst: 404,
      admin: 404,
      dispatcherOfOtherDistrict: 404,
      supervisorOfOtherDistrict: 404,
    }),
  },
  'PATCH /api/calls/{id}': {
    request: async (fx) => ({
      path: `/api/calls/${await fx.freshCall()}`,
      body: { priority: 2 },
      headers: { 'If-Match': '"1"' },
    }),
    expected: workOnCall(200),
  },
  'POST /api/calls/{id}/assign': {
    request: async (fx) => ({
      path: `/api/calls/${await fx.freshCall()}/assign`,
      body: { unitId: fx.unitId },
    }),
    expected: workOnCall(200),
  },
  'POST /api/calls/{id}/unassign': {
    request: async (fx) => {
      const { callId, unitId } = await fx.freshAssignedCall();
      return { path: `/api/calls/${callId}/unassign`, body: { unitId } };
    },
    expected: workOnCall(200),
  },
  'POST /api/calls/{id}/notes': {
    request: async (fx) => ({
      path: `/api/calls/${await fx.freshCall()}/notes`,
      body: { text: 'Matrix note' },
    }),
    expected: workOnCall(201),
  },
  'POST /api/calls/{id}/close': {
    request: async (fx) => ({
      path: `/api/calls/${await fx.freshCall()}/close`,
      body: { disposition: 'RPT' },
    }),
    expected: workOnCall(200),
  },
  'POST /api/calls/{id}/cancel': {
    request: async (fx) => ({ path: `/api/calls/${await fx.freshCall()}/cancel`, body: {} }),
    expected: workOnCall(200),
  },
  'GET /api/units': {
    request: () => ({ path: '/api/units' }),
    expected: session({
      dispatcher: 200,
      supervisor: 200,
      analyst: 403,
      admin: 403,
      dispatcherOfOtherDistrict: 200,
      supervisorOfOtherDistrict: 200,
    }),
  },
  'POST /api/units/{id}/status': {
    request: (fx) => ({ path: `/api/units/${fx.unitId}/status`, body: { status: 'available' } }),
    expected: session({
      dispatcher: 200,
      supervisor: 403,
      analyst: 404,
      admin: 404,
      dispatcherOfOtherDistrict: 404,
      supervisorOfOtherDistrict: 404,
    }),
  },
  ...Object.fromEntries(
    ['', '/calls', '/histogram'].map((view) => [
      `GET /api/stats/response-times${view}`,
      {
        request: () => ({
          path: `/api/stats/response-times${view}`,
          query: { ...window, metric: 'response' },
        }),
        expected: analytics,
      },
    ]),
  ),
  'GET /api/hotspots': {
    request: () => ({ path: '/api/hotspots', query: window }),
    expected: floorAndHistory,
  },
  'GET /api/hotspots/cells/{cell}/calls': {
    request: () => ({ path: `/api/hotspots/cells/${cell}/calls`, query: window }),
    expected: floorAndHistory,
  },
  'GET /api/hotspots/export': {
    request: () => ({ path: '/api/hotspots/export', query: { ...window, purpose } }),
    expected: onlyFor({ analyst: 200 }),
  },
  'GET /api/history/snapshot': {
    request: () => ({ path: '/api/history/snapshot', query: { at: window.to } }),
    expected: floorAndHistory,
  },
  'GET /api/history/events': {
    request: () => ({
      path: '/api/history/events',
      query: { from: new Date(now - 3_600_000).toISOString(), to: window.to },
    }),
    expected: floorAndHistory,
  },
  'GET /api/history/calls/{id}/replay': {
    request: (fx) => ({ path: `/api/history/calls/${fx.finishedCallId}/replay` }),
    expected: session({
      dispatcher: 200,
      supervisor: 200,
      analyst: 200,
      admin: 403,
      dispatcherOfOtherDistrict: 404,
      supervisorOfOtherDistrict: 404,
    }),
  },
  'GET /api/exports/calls': {
    request: () => ({ path: '/api/exports/calls', query: { ...window, format: 'csv', purpose } }),
    expected: onlyFor({ analyst: 200 }),
  },
  'GET /api/exports/calls/estimate': {
    request: () => ({ path: '/api/exports/calls/estimate', query: window }),
    expected: onlyFor({ analyst: 200 }),
  },
  'GET /api/exports/stats': {
    request: () => ({
      path: '/api/exports/stats',
      query: { ...window, metric: 'response', format: 'csv', purpose },
    }),
    expected: onlyFor({ analyst: 200 }),
  },
  'POST /api/ingest/calls': {
    request: () => ({
      path: '/api/ingest/calls',
      body: {
        source: 'matrix-cad',
        events: [
          {
            sourceId: 'M-1',
            type: 'created',
            at: new Date(now).toISOString(),
            callType: 'DIST',
            ...inDistrict('1'),
          },
        ],
      },
    }),
    expected: ingest(200),
  },
  'POST /api/ingest/units': {
    request: () => ({
      path: '/api/ingest/units',
      body: {
        source: 'matrix-avl',
        events: [
          {
            sourceEventId: 'MX1-1',
            callSign: 'MX1',
            at: new Date(now).toISOString(),
            homeDistrict: '1',
            status: 'available',
          },
        ],
      },
    }),
    expected: ingest(200),
  },
  'POST /api/ingest/positions': {
    request: () => ({
      path: '/api/ingest/positions',
      body: {
        positions: [{ unit: 'MX1', ...inDistrict('1'), at: new Date(now).toISOString() }],
      },
    }),
    expected: ingest(200),
  },
  'POST /api/ingest/eido': {
    request: () => ({ path: '/api/ingest/eido', body: {} }),
    // An empty document is refused on its content, which only the token gets to.
    expected: ingest(400),
  },
};
