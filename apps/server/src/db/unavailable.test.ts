import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['refused', withCode('ECONNREFUSED')],
    ['reset', withCode('ECONNRESET')],
    ['connection exception (08006)', withCode('08006')],
    ['admin shutdown (57P01)', withCode('57P01')],
    ['cannot connect now (57P03)', withCode('57P03')],
    ['too many connections (53300)', withCode('53300')],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by drizzle', new Error('Failed query: select 1', { cause: withCode('57P01') })],
    ['refused on every address', new AggregateError([withCode('ECONNREFUSED')], 'connect')],
  ])('%s: yes', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['syntax error (42601)', withCode('42601')],
    ['unique violation (23505)', withCode('23505')],
    ['NUL in text (22021)', withCode('22021')],
    ['query canceled (57014)', withCode('57014')],
    ['a plain error', new Error('Cannot read properties of undefined')],
    ['not an error', 'ECONNREFUSED'],
    ['wrapping a bug', new Error('Failed query', { cause: new TypeError('x is undefined') })],
  ])('%s: no', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('stops on a cause cycle', () => {
    const error: Error & { cause?: unknown } = new Error('a');
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
