import { describe, expect, it } from 'vitest';
import { createCallGenerator, createLocalClock } from './call-generator.ts';
import { fakeCallerName, fakePhone } from './fake-data.ts';
import { createCityMap } from './geometry.ts';
import { createRng } from './rng.ts';
import { demoAgency as agency, demoParams as params } from './test-fixtures.ts';

const map = createCityMap(agency);

describe('local clock', () => {
  const clock = createLocalClock('America/Los_Angeles');
  it('reads the weekday and hour in Harbor City, across daylight saving time', () => {
    expect(clock.at(Date.parse('2024-01-03T20:30:00Z'))).toEqual({ weekday: 3, hour: 12 }); // PST
    expect(clock.at(Date.parse('2024-07-03T19:30:00Z'))).toEqual({ weekday: 3, hour: 12 }); // PDT
    expect(clock.at(Date.parse('2024-03-10T07:59:00Z'))).toEqual({ weekday: 6, hour: 23 });
    expect(clock.at(Date.parse('2024-03-10T10:00:00Z'))).toEqual({ weekday: 0, hour: 3 });
  });
});

describe('call generator', () => {
  it('arrives at the derived weekly rate, scaled by the multiplier', () => {
    for (const multiplier of [1, 3]) {
      const generator = createCallGenerator({
        agency,
        params,
        map,
        rateMultiplier: multiplier,
        rng: createRng(1),
      });
      const rng = createRng(`arrivals-${multiplier}`);
      const start = Date.parse('2024-03-04T08:00:00Z'); // Monday 00:00 local
      const end = start + 7 * 24 * 3_600_000;
      let count = 0;
      for (let t = generator.nextArrival(start, rng); t < end; t = generator.nextArrival(t, rng))
        count++;
      const weekly = params.weekdayHourly.meanCallsPerHour.flat().reduce((a, b) => a + b, 0);
      expect(count / (weekly * multiplier)).toBeGreaterThan(0.95);
      expect(count / (weekly * multiplier)).toBeLessThan(1.05);
    }
  });

  it('never arrives when the rate is zero', () => {
    const generator = createCallGenerator({
      agency,
      params,
      map,
      rateMultiplier: 0,
      rng: createRng(1),
    });
    expect(generator.nextArrival(0, createRng(2))).toBe(Infinity);
  });

  it('keeps officer-initiated priorities and adjusts a few others by one level', () => {
    const generator = createCallGenerator({
      agency,
      params,
      map,
      rateMultiplier: 1,
      rng: createRng(1),
    });
    const rng = createRng('priorities');
    let changed = 0;
    for (let i = 0; i < 5000; i++) {
      const type = generator.drawType(rng);
      const priority = generator.drawPriority(type, rng);
      if (type.officerInitiated) expect(priority).toBe(type.defaultPriority);
      expect(Math.abs(priority - type.defaultPriority)).toBeLessThanOrEqual(1);
      if (priority !== type.defaultPriority) changed++;
      expect(agency.priorities.map((p) => p.level)).toContain(priority);
    }
    expect(changed / 5000).toBeGreaterThan(0.03);
    expect(changed / 5000).toBeLessThan(0.15);
  });

  it('makes clearly fake callers', () => {
    const rng = createRng('callers');
    for (let i = 0; i < 500; i++) {
      expect(fakePhone(rng)).toMatch(/^707-555-01\d\d$/);
      expect(fakeCallerName(rng)).toMatch(/^\S+ \S+$/);
    }
  });
});
