import { describe, expect, it } from 'vitest';
import { acceptedInstant } from './instant.ts';

describe('a request instant', () => {
  it('accepts instants with an offset from 1900 to 2200', () => {
    for (const instant of [
      '1900-01-01T00:00:00Z',
      '2026-01-05T10:00:00-06:00',
      '2200-12-31T23:59:59Z',
    ])
      expect(acceptedInstant.safeParse(instant).success, instant).toBe(true);
  });

  it('refuses far years with the range, and other text with one reason only', () => {
    for (const instant of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2201-01-01T00:00:00Z'])
      expect(
        acceptedInstant.safeParse(instant).error?.issues.map((issue) => issue.message),
      ).toEqual(['Must be between the years 1900 and 2200']);
    expect(acceptedInstant.safeParse('yesterday').error?.issues).toHaveLength(1);
  });
});
