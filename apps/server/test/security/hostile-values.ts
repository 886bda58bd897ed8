import fc from 'fast-check';

/** A JSON Schema node as `z.toJSONSchema` writes it (the subset generators read). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** How a value travels: inside a JSON body, or as a query-string value (always text). */
export type Carrier = 'json' | 'query';

/** Values for a field that a real client would plausibly send, by field name. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** Any UTF-16 code unit, lone surrogates included: what JSON `\u` escapes can carry. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Text PostgreSQL cannot store, injection-shaped text, and text far too long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'Main St\u0000',
    '\ud800',
    'x\udfffy',
    '\ud83d',
    '\u0000\ud800',
    '%00',
    '%FF',
    '\uffff\ufffe',
    '\u202eevil',
    "'; drop table calls; --",
    '../../../etc/passwd',
    '~none',
    ' ',
    '',
  ),
  fc.string({ unit: codeUnit, maxLength: 24 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', ',', '~', '%'),
    maxLength: 16,
  }),
  fc.constant('x'.repeat(10_000)),
);

/** Numbers at and past every edge: huge, negative, fractional, unsafe, denormal. */
const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    2 ** 31,
    -(2 ** 31) - 1,
    -1,
    0,
    0.5,
    5e-324,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** The same edges as query text, plus what only text can say. */
const hostileNumeral: fc.Arbitrary<string> = fc.oneof(
  hostileNumber.map(String),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400',
    '0x10',
    '99999999999999999999',
    ' 1',
    '1,',
    '-0',
    '',
  ),
);

/** Instants PostgreSQL or the time zone code may choke on, and ones that are not instants. */
export const farInstant: fc.Arbitrary<string> = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1899-12-31T23:59:59Z',
  '9999-12-31T23:59:59Z',
  '2200-12-31T23:59:59-23:59',
  '2026-02-29T00:00:00Z',
  '2026-01-01',
  '2026-01-01T24:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-01-01T00:00:00.1234567890123Z',
  'now',
);

const emptyList = fc.constantFrom('', ',', ',,,', ' , ');

/** Nested arrays, deeper than anything legitimate (JSON bodies only). */
const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
};

/** A JSON value of the wrong type for any field. */
const wrongType = fc.oneof(
  fc.constantFrom(
    null,
    true,
    [],
    {},
    [[[]]],
    { $ref: '#' },
    Array.from({ length: 200 }, () => null),
  ),
  fc.constant(nested(100)),
);

export function hostileFor(carrier: Carrier): fc.Arbitrary<unknown> {
  return carrier === 'query'
    ? fc.oneof(hostileText, hostileNumeral, farInstant, emptyList)
    : fc.oneof(hostileText, hostileNumber, farInstant, emptyList, wrongType);
}

const types = (schema: JsonSchema) =>
  Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

/** A value the schema accepts, or close to it, so the request reaches past validation. */
function plausibleFor(schema: JsonSchema, carrier: Carrier, hints: Hints): fc.Arbitrary<unknown> {
  const text = (value: fc.Arbitrary<number | boolean>) =>
    carrier === 'query' ? value.map(String) : value;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => valueFor(branch, carrier, hints)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const [type] = types(schema);
  const min = schema.minimum ?? -1000;
  const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1000) - 1e-9;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return hints.instant ?? farInstant;
      if (schema.format === 'uuid') return fc.uuid();
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 24, 24)),
      });
    case 'integer':
      return text(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }));
    case 'number':
      return text(fc.double({ min, max, noNaN: true }));
    case 'boolean':
      return text(fc.boolean());
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items ?? {}, carrier, hints), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case 'object':
      return objectFor(schema, carrier, hints);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** An object of the schema's properties: the required ones always, the others sometimes. */
export function objectFor(
  schema: JsonSchema,
  carrier: Carrier,
  hints: Hints,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => {
      const fromSchema = plausibleFor(property, carrier, hints);
      const hint = hints[name];
      const both = hint
        ? fc.oneof({ weight: 2, arbitrary: hint }, { weight: 1, arbitrary: fromSchema })
        : fromSchema;
      return [name, both];
    }),
  );
  return fc.record(properties, { requiredKeys: schema.required ?? [] });
}

/**
 * Mostly a plausible object with one field made hostile (or one unknown field
 * added), so the request gets past every other check and the hostile value
 * reaches as deep as it can; sometimes left wholly plausible.
 */
export function withOneHostileField(
  schema: JsonSchema,
  carrier: Carrier,
  hints: Hints,
): fc.Arbitrary<Record<string, unknown>> {
  const names = [...Object.keys(schema.properties ?? {}), 'unexpected', 'unexpected\u0000'];
  return fc
    .tuple(
      objectFor(schema, carrier, hints),
      fc.option(fc.constantFrom(...names), { freq: 3 }),
      hostileFor(carrier),
    )
    .map(([object, name, value]) => (name === null ? object : { ...object, [name]: value }));
}

/** A value for one field: plausible, or hostile one time in four. */
export function valueFor(
  schema: JsonSchema,
  carrier: Carrier,
  hints: Hints,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: plausibleFor(schema, carrier, hints) },
    { weight: 1, arbitrary: hostileFor(carrier) },
  );
}
