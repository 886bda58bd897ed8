import { describe, expect, it } from 'vitest';
import { storableDetails, storableText } from './audit.text.ts';

describe('storable audit text', () => {
  it('shows NUL as ␀ and a lone surrogate as �, and leaves the rest as it is', () => {
    expect(storableText('a\u0000b')).toBe('a\u2400b');
    expect(storableText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(storableText('émoji 🚓 and "quotes"')).toBe('émoji 🚓 and "quotes"');
  });

  it('reaches every string of nested details, keys included, and keeps other values', () => {
    const at = new Date(0);
    expect(
      storableDetails({
        'k\u0000': ['v\ud800', { deep: 'n\u0000' }],
        rows: 3,
        ok: true,
        none: null,
        at,
      }),
    ).toEqual({ 'k\u2400': ['v\ufffd', { deep: 'n\u2400' }], rows: 3, ok: true, none: null, at });
  });
});
