import { describe, expect, it } from 'vitest';
import { maxInputDepth, storableCopy, unstorableIssues, unstorableReason } from './storable.ts';

describe('text PostgreSQL can store', () => {
  it('refuses NUL and lone surrogates, and nothing else', () => {
    expect(unstorableReason('a\u0000b')).toMatch(/NUL/);
    expect(unstorableReason('\ud800')).toMatch(/lone UTF-16 surrogate/);
    expect(unstorableReason('x\udc00')).toMatch(/lone UTF-16 surrogate/);
    for (const fine of ['', 'Main St', '😀', '\ufffd', 'ß\u0001\u007f', '\ud83d\ude00'])
      expect(unstorableReason(fine)).toBeUndefined();
  });

  it('makes a copy that can be stored and printed', () => {
    expect(storableCopy('a\u0000b\ud800')).toBe('a\ufffdb\ufffd');
    expect(unstorableReason(storableCopy('\udfff\u0000'))).toBeUndefined();
  });

  it('finds every bad string and key with its path', () => {
    expect(
      unstorableIssues({
        events: [{ callerName: 'ok' }, { narrative: 'x\u0000', units: ['1A', '\ud800'] }],
        'k\u0000': 1,
      }),
    ).toEqual([
      { path: 'events.1.narrative', message: expect.stringMatching(/NUL/) },
      { path: 'events.1.units.1', message: expect.stringMatching(/surrogate/) },
      { path: 'k\ufffd', message: expect.stringMatching(/^Key: .*NUL/) },
    ]);
    expect(unstorableIssues('\u0000', 'district')).toEqual([
      { path: 'district', message: expect.stringMatching(/NUL/) },
    ]);
    expect(unstorableIssues({ a: [1, true, null, 'fine'] })).toEqual([]);
  });

  it('stops at a nesting limit without recursing, however deep the value', () => {
    let deep: unknown = 'end';
    for (let level = 0; level < 10_000; level += 1) deep = [deep];
    const issues = unstorableIssues({ deep });
    expect(issues).toEqual([
      {
        path: `deep${'.0'.repeat(maxInputDepth - 1)}`,
        message: `Nested more than ${maxInputDepth} levels deep`,
      },
    ]);
  });

  it('reports at most twenty problems', () => {
    expect(unstorableIssues(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
