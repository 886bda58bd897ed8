import { SESSION_COOKIE } from '../auth/session.ts';
import {
  type OpenApiDocument,
  type OperationObject,
  type PathItemObject,
  type SocketEventsExtension,
} from './openapi.types.ts';
import {
  type RouteSpec,
  convert,
  eidoLocationByValue,
  errorResponse,
  headers,
  json,
  parameters,
  queryParameters,
  requestSchemas,
  responseSchemas,
  responses,
  schemaRef,
  securityFor,
  securitySchemes,
} from './openapi.components.ts';
import { routes } from './openapi.paths.ts';

export { apiVersion } from './openapi.types.ts';

const tags = [
  { name: 'Health', description: 'Probes for load balancers and orchestrators.' },
  { name: 'Meta', description: 'This contract.' },
  { name: 'Auth', description: 'Sign-in, session and CSRF token.' },
  { name: 'Agency', description: 'The agency’s configuration.' },
  { name: 'Users', description: 'Accounts (administration).' },
  { name: 'Integrations', description: 'Credentials of the CAD and AVL feeds (administration).' },
  { name: 'Audit', description: 'The append-only audit log.' },
  { name: 'Calls', description: 'Calls for service and dispatcher actions.' },
  { name: 'Units', description: 'Units and their status.' },
  { name: 'Stats', description: 'Response-time statistics (definitions in docs/METRICS.md).' },
  { name: 'History', description: 'The time machine: the past rebuilt from the event log.' },
  { name: 'Hotspots', description: 'Calls counted on an H3 hexagon grid.' },
  {
    name: 'Exports',
    description: 'Streamed, field-ruled, audited files of calls and statistics (docs/EXPORTS.md).',
  },
  { name: 'Ingest', description: 'Machine ingest from CAD and AVL systems (bearer token).' },
];

function operationFor(route: RouteSpec): OperationObject {
  const routeParameters = [
    ...(route.parameters ?? []),
    ...(route.query ? queryParameters(route.query) : []),
  ];
  const errorResponses = Object.fromEntries(
    (route.errors ?? []).map((status) => [String(status), errorResponse(status, route.auth)]),
  );
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: securityFor[route.auth],
    ...(routeParameters.length > 0 ? { parameters: routeParameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            ...(route.body.description ? { description: route.body.description } : {}),
            content: json(route.body.schema),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries({ ...route.responses, ...errorResponses }).sort(([a], [b]) =>
        a.localeCompare(b),
      ),
    ),
  };
}

function socketEvents(): SocketEventsExtension {
  return {
    description:
      'Socket.IO events (server to client). OpenAPI has no vocabulary for them, so this extension lists them; payload schemas are generated from `packages/contracts/src/realtime.ts` like the REST schemas.',
    transport: { library: 'socket.io', version: '4', path: '/socket.io/', namespace: '/' },
    authentication: {
      security: [{ sessionCookie: [] }],
      description: `The handshake carries the same \`${SESSION_COOKIE}\` cookie as the HTTP API; a socket without a signed-in session is refused with \`unauthorized\`. Browsers must connect from the server’s own origin (or a configured one). A socket is cut when its session ends (sign-out, absolute lifetime) or its user’s access changes. There is no connection-state recovery: after a reconnect, refetch over REST.`,
    },
    rooms:
      'Clients never name rooms and send no events. At the handshake the server puts each socket in rooms derived from the user’s ability (all districts, or one room per assigned district they may fully read); roles without live views (analyst, admin, integration) join no data rooms. Every message is shaped for its room’s audience, with fields that audience may not read left out.',
    clientToServer: {},
    serverToClient: {
      'calls:changed': {
        summary:
          'A call changed: `{ seq, call }`, or `{ seq, callId, removed: true }` when this audience may no longer see it. `seq` is the call’s version.',
        delivery: 'reliable',
        ordering: 'Ordered per call. A gap in `seq` means a missed message: refetch the call.',
        payload: schemaRef('CallChangedMessage'),
      },
      'units:changed': {
        summary:
          'A unit’s status or assignment changed: `{ seq, unit }`, `seq` being the unit’s version.',
        delivery: 'reliable',
        ordering: 'Ordered per unit.',
        payload: schemaRef('UnitChangedMessage'),
      },
      'units:positions': {
        summary:
          'Unit positions: `{ at, positions: [{ unitId, callSign, lat, lon, heading, speed, at }] }`, the newest report of every unit that moved.',
        delivery: 'volatile',
        ordering:
          'Coalesced per tick (1 s by default); a dropped batch is superseded by the next one.',
        payload: schemaRef('PositionBatch'),
      },
      'live:resync': {
        summary:
          'Changes made on other server processes may have been missed (their relay was away and is back): reload calls and units over REST, as after a reconnect.',
        delivery: 'reliable',
        ordering: 'After the relay returns; may come once per server process.',
        payload: schemaRef('LiveResyncMessage'),
      },
    },
  };
}

/** The OpenAPI 3.1 document of the HTTP API and the realtime channel. Pure: build it once at boot. */
export function buildOpenApiDocument({ version }: { version: string }): OpenApiDocument {
  const requestComponents = convert(requestSchemas, 'input', ({ zodSchema, jsonSchema }) => {
    if (zodSchema === eidoLocationByValue) jsonSchema.$ref = schemaRef('EidoLocationByValue').$ref;
  });
  const responseComponents = convert(responseSchemas, 'output');
  const clash = Object.keys(requestComponents).find((name) => name in responseComponents);
  if (clash) throw new Error(`OpenAPI schema name ${clash} is used twice`);

  const paths: Record<string, PathItemObject> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`${route.method} ${route.path} is described twice`);
    item[route.method] = operationFor(route);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Watchfloor API',
      version,
      description:
        'The HTTP API of Watchfloor, a role-based police operations dashboard. Browser routes use the session cookie, and state-changing ones the CSRF header too; machine ingest uses bearer tokens. Every error has the `ApiError` shape; while the database cannot be reached, any route that needs it answers `503 database_unavailable` with `Retry-After`. Schemas are generated from the shared zod contracts (`@watchfloor/contracts`); Socket.IO events are under `x-socket-events`.',
    },
    tags,
    paths,
    components: {
      schemas: { ...requestComponents, ...responseComponents },
      responses,
      parameters,
      headers,
      securitySchemes,
    },
    'x-socket-events': socketEvents(),
  };
}
