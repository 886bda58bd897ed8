import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  hostileText,
  objectFor,
  valueFor,
  withOneHostileField,
  type Hints,
} from './hostile-values.ts';
import type { ParamKind, Persona, RouteInput } from './route-inputs.ts';

/** One generated request, ready to send. */
export interface HostileRequest {
  persona: Persona;
  method: string;
  /** Path and query string, percent-encoded as sent (hostile encodings left raw). */
  url: string;
  headers: Record<string, string>;
  /** Whether to send the session's CSRF token (most requests do, to reach the route). */
  csrf: 'valid' | 'missing' | 'wrong';
  body?: Buffer;
}

/** Ids and cells of the seeded database that a path parameter can name. */
export interface PathValues {
  callIds: string[];
  unitIds: string[];
  cells: string[];
  userIds: string[];
  tokenIds: string[];
  /** Handles of sessions an administrator may end (`GET /api/users/:id/sessions`). */
  sessionHandles: string[];
}

/** Percent-encodings no decoder should accept, and text that decodes to trouble. */
const rawEscapes = fc.constantFrom(
  '%FF',
  '%00',
  '%ED%A0%80',
  '%C0%AF',
  '%',
  '%zz',
  '%2F',
  '%E2%82',
);
const encode = (text: string) => encodeURIComponent(text.toWellFormed());
const segment = fc.oneof(
  rawEscapes,
  hostileText.map(encode),
  fc.constantFrom('..', '%2e%2e', '9'.repeat(300), 'abc', '-1'),
);

function paramFor(kind: ParamKind, values: PathValues): fc.Arbitrary<string> {
  const known = {
    call: values.callIds,
    unit: values.unitIds,
    cell: values.cells,
    user: values.userIds,
    token: values.tokenIds,
    session: values.sessionHandles,
    webPath: ['calls', 'map', 'assets/app.js'],
  }[kind];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: segment },
  );
}

function pathFor(template: string, input: RouteInput, values: PathValues) {
  const names = Object.keys(input.params ?? {});
  return fc
    .tuple(...names.map((name) => paramFor(input.params![name]!, values)))
    .map((chosen) =>
      names.reduce(
        (path, name, index) =>
          path.replace(`{*${name}}`, chosen[index]!).replace(`:${name}`, chosen[index]!),
        template,
      ),
    );
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Rarely `arbitrary`, mostly nothing. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

function queryFor(input: RouteInput, hints: Hints): fc.Arbitrary<string> {
  const fields = input.query
    ? withOneHostileField(input.query, 'query', hints)
    : fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileText, { maxKeys: 2 }),
        },
      );
  const extra = rarely(
    fc.oneof(
      rawEscapes.map((escape) => `district=${escape}`),
      rawEscapes.map((escape) => `${escape}=1`),
      fc.constantFrom('limit=1&limit=2', 'from=&to=', '&&&', '=', 'a[b]=1', 'hour=%2C'),
    ),
  );
  return fc.tuple(fields, extra).map(([record, raw]) =>
    [
      ...Object.entries(record)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${encode(key)}=${encode(asText(value))}`),
      ...(raw ? [raw] : []),
    ].join('&'),
  );
}

/** Bodies no JSON field generator would make: framing, bytes and nesting. */
const rawBody = fc.constantFrom(
  Buffer.concat([
    Buffer.from('{"narrative":"'),
    Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
    Buffer.from('"}'),
  ]),
  Buffer.from(`{"narrative":${'['.repeat(10_000)}"bottom"${']'.repeat(10_000)}}`),
  Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
  Buffer.from('{"source":'),
  Buffer.from('null'),
  Buffer.from('"text"'),
  Buffer.from(''),
  Buffer.from('\ufeff{}'),
  Buffer.from('{"a":1,"a":2,"__proto__":{"polluted":true}}'),
  Buffer.from(JSON.stringify({ events: Array.from({ length: 2000 }, () => ({})) })),
);

function bodyFor(input: RouteInput, hints: Hints): fc.Arbitrary<Buffer | undefined> {
  const json = input.body
    ? withOneHostileField(input.body, 'json', hints)
    : fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    {
      weight: input.body ? 10 : 1,
      arbitrary: json.map((value) => Buffer.from(JSON.stringify(value))),
    },
    { weight: 1, arbitrary: rawBody },
    { weight: input.body ? 1 : 10, arbitrary: fc.constant(undefined) },
  );
}

const printable = fc.string({ unit: 'grapheme-ascii', maxLength: 60 });
const contentType = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/json; charset=utf-16le',
      'application/json; charset=latin1',
      'application/json; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/vnd.api+json',
      'application/json; charset="',
      'garbage',
    ),
  },
);
const contentEncoding = fc.oneof(
  { weight: 20, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'gzip',
      'gzip-plain',
      'deflate',
      'br',
      'x-unknown',
      'identity',
      'gzip, gzip',
    ),
  },
);

function encoded(body: Buffer | undefined, encoding: string | undefined) {
  if (!body || !encoding) return { body, header: encoding };
  if (encoding === 'gzip') return { body: gzipSync(body), header: 'gzip' };
  if (encoding === 'deflate') return { body: deflateSync(body), header: 'deflate' };
  if (encoding === 'br') return { body: brotliCompressSync(body), header: 'br' };
  // The header claims a compression the bytes do not have.
  return { body, header: encoding === 'gzip-plain' ? 'gzip' : encoding };
}

/**
 * The field hints for a route, with its batch members generated from their own
 * schema (a batch declares them `unknown`, and each is validated on its own).
 */
function routeHints(input: RouteInput, hints: Hints): Hints {
  const members: Hints = {};
  for (const [name, schema] of Object.entries(input.items ?? {})) {
    const member: fc.Arbitrary<unknown> =
      schema.type === 'object'
        ? fc.oneof(
            { weight: 3, arbitrary: objectFor(schema, 'json', hints) },
            { weight: 1, arbitrary: withOneHostileField(schema, 'json', hints) },
          )
        : valueFor(schema, 'json', hints);
    members[name] =
      name === 'locationByValue' ? member : fc.array(member, { minLength: 1, maxLength: 4 });
  }
  return { ...hints, ...members };
}

/** Generates hostile requests for one route: persona, params, query, headers and body. */
export function requestsFor(
  method: string,
  template: string,
  input: RouteInput,
  hints: Hints,
  values: PathValues,
): fc.Arbitrary<HostileRequest> {
  hints = routeHints(input, hints);
  return fc
    .record({
      persona: fc.constantFrom(...input.personas),
      path: pathFor(template, input, values),
      query: queryFor(input, hints),
      body: bodyFor(input, hints),
      contentType,
      contentEncoding,
      // A call's version, mostly; PATCH needs one to get past 428.
      ifMatch: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }).map((version) => `"${version}"`) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.oneof(fc.constantFrom('*', 'W/"3"', '"99999999999999999999"'), printable),
        },
      ),
      requestId: rarely(printable),
      // The client writes Host too; whatever reads it (passkeys' relying party) must cope.
      host: rarely(
        fc.oneof(fc.constantFrom('a b', '%%', 'x:99999', '[::1]:80', 'evil.example'), printable),
      ),
      accept: rarely(fc.oneof(fc.constantFrom('text/csv', '*/*', 'application/xml'), printable)),
      csrf: fc.oneof(
        { weight: 10, arbitrary: fc.constant('valid' as const) },
        { weight: 1, arbitrary: fc.constantFrom('missing' as const, 'wrong' as const) },
      ),
    })
    .map((drawn) => {
      const { body, header } = encoded(drawn.body, drawn.contentEncoding);
      const headers: Record<string, string> = {
        ...(body ? { 'Content-Type': drawn.contentType } : {}),
        ...(header && body ? { 'Content-Encoding': header } : {}),
        ...(drawn.ifMatch ? { 'If-Match': drawn.ifMatch } : {}),
        ...(drawn.requestId ? { 'X-Request-Id': drawn.requestId } : {}),
        ...(drawn.host ? { Host: drawn.host } : {}),
        ...(drawn.accept ? { Accept: drawn.accept } : {}),
      };
      return {
        persona: drawn.persona,
        method,
        url: drawn.query ? `${drawn.path}?${drawn.query}` : drawn.path,
        headers,
        csrf: drawn.csrf,
        ...(body ? { body } : {}),
      };
    });
}

/** A short, printable account of a request for a failure message. */
export function describeRequest(request: HostileRequest): string {
  const body = request.body
    ? JSON.stringify(request.body.subarray(0, 300).toString('latin1'))
    : '-';
  return `${request.persona} ${request.method} ${request.url.slice(0, 500)} ${JSON.stringify(request.headers)} csrf=${request.csrf} body=${body}`;
}
