import { describe, expect, it } from 'vitest';
import {
  fieldErrorsOf,
  formatCoordinates,
  parseCoordinates,
  validateCreateCall,
} from './createCall.ts';

describe('parseCoordinates', () => {
  it('reads "lat, lon" with a comma, semicolon or space between them', () => {
    expect(parseCoordinates('41.881, -87.623')).toEqual({ ok: true, lat: 41.881, lon: -87.623 });
    expect(parseCoordinates('  41.881;-87.623 ')).toEqual({ ok: true, lat: 41.881, lon: -87.623 });
    expect(parseCoordinates('41 -87.5')).toEqual({ ok: true, lat: 41, lon: -87.5 });
    expect(parseCoordinates('-90, 180')).toEqual({ ok: true, lat: -90, lon: 180 });
    expect(parseCoordinates('+.5, 3.')).toEqual({ ok: true, lat: 0.5, lon: 3 });
  });

  it('refuses coordinates out of range', () => {
    expect(parseCoordinates('91, 0')).toEqual({ ok: false, reason: 'range' });
    expect(parseCoordinates('0, -180.5')).toEqual({ ok: false, reason: 'range' });
  });

  it('refuses garbage and says when nothing was typed', () => {
    expect(parseCoordinates('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseCoordinates('   ')).toEqual({ ok: false, reason: 'empty' });
    for (const text of ['abc', '41.8', '41.8, -87.6, 3', '41.8,, -87.6', '1e3, 2', 'N41 W87']) {
      expect(parseCoordinates(text)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('round-trips what the map picks', () => {
    const text = formatCoordinates(41.8812345, -87.6234567);
    expect(text).toBe('41.88123, -87.62346');
    expect(parseCoordinates(text)).toEqual({ ok: true, lat: 41.88123, lon: -87.62346 });
  });
});

describe('issues on the form', () => {
  it('puts lat and lon on the location field and keeps the first message per field', () => {
    expect(
      fieldErrorsOf([
        { path: 'lat', message: 'bad lat' },
        { path: 'lon', message: 'bad lon' },
        { path: 'callerPhone', message: 'too long' },
        { path: '', message: 'whole body' },
      ]),
    ).toEqual({
      fields: { location: 'bad lat', callerPhone: 'too long' },
      other: ['whole body'],
    });
  });

  it('checks the body with the shared contract', () => {
    expect(validateCreateCall({ callType: 'THEFT', lat: 1, lon: 2 }).ok).toBe(true);
    const result = validateCreateCall({
      callType: 'THEFT',
      lat: 1,
      lon: 2,
      callerPhone: 'x'.repeat(41),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(['callerPhone']);
  });
});
