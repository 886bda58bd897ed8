import { describe, expect, it } from 'vitest';
import { createInstantFormatter } from './time.ts';

describe('createInstantFormatter', () => {
  it('shows an instant as wall-clock time in the given zone', () => {
    const instant = '2026-01-15T18:30:05Z';
    expect(createInstantFormatter('America/Chicago', 'en')(instant)).toBe('01/15/2026, 12:30:05');
    expect(createInstantFormatter('Europe/Berlin', 'en')(instant)).toBe('01/15/2026, 19:30:05');
  });

  it('follows daylight saving time', () => {
    expect(createInstantFormatter('America/Chicago', 'en')('2026-07-15T18:30:05Z')).toBe(
      '07/15/2026, 13:30:05',
    );
  });

  it('leaves text that is not an instant as it is', () => {
    expect(createInstantFormatter('America/Chicago', 'en')('not a date')).toBe('not a date');
  });
});
