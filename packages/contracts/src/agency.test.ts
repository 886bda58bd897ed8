import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agencyConfigSchema, type AgencyConfig, type AgencyConfigInput } from './agency.ts';

// The demo agency and its derived parameters, written by config/agencies/generate-demo-city.ts
// and scripts/derive-demo-params.ts.
const agenciesDir = new URL('../../../config/agencies/', import.meta.url);
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, agenciesDir), 'utf8')) as unknown;

type Position = [number, number];
type Geometry = AgencyConfig['beats']['features'][number]['geometry'];

/** Every ring of a Polygon or MultiPolygon. */
function ringsOf(geometry: Geometry): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Shoelace area; positive for a counter-clockwise ring. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let k = 0; k < ring.length - 1; k++) {
    sum += ring[k]![0] * ring[k + 1]![1] - ring[k + 1]![0] * ring[k]![1];
  }
  return sum / 2;
}

const demoInput = readJson('demo.json') as AgencyConfigInput;

describe('demo agency (config/agencies/demo.json)', () => {
  const demo = agencyConfigSchema.parse(demoInput);
  const beats = demo.beats.features;
  const districts = demo.districts.features;

  it('is the fictional demo agency', () => {
    expect(demo.id).toBe('demo');
    expect(demo.timeZone).toBe('America/Los_Angeles');
    expect(demo.map.styleUrl).toBeNull();
  });

  it('has 5 districts with unique codes', () => {
    expect(districts).toHaveLength(5);
    expect(new Set(districts.map((d) => d.properties.code)).size).toBe(5);
  });

  it('gives every beat a unique code and an existing district', () => {
    const districtCodes = new Set(districts.map((d) => d.properties.code));
    const beatCodes = beats.map((b) => b.properties.code);
    expect(new Set(beatCodes).size).toBe(beatCodes.length);
    for (const beat of beats) expect(districtCodes).toContain(beat.properties.district);
  });

  it('has 4–6 beats in each district', () => {
    for (const district of districts) {
      const count = beats.filter((b) => b.properties.district === district.properties.code).length;
      expect(count, `district ${district.properties.code}`).toBeGreaterThanOrEqual(4);
      expect(count, `district ${district.properties.code}`).toBeLessThanOrEqual(6);
    }
  });

  it('has closed, counter-clockwise exterior rings', () => {
    for (const feature of [...districts, ...beats]) {
      for (const ring of ringsOf(feature.geometry)) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[ring.length - 1]).toEqual(ring[0]);
      }
      if (feature.geometry.type === 'Polygon') {
        expect(signedArea(feature.geometry.coordinates[0]!)).toBeGreaterThan(0);
      }
    }
  });

  it('has beats whose areas add up to their district', () => {
    for (const district of districts) {
      const districtArea = signedArea(ringsOf(district.geometry)[0]!);
      const beatArea = beats
        .filter((b) => b.properties.district === district.properties.code)
        .reduce((sum, b) => sum + signedArea(ringsOf(b.geometry)[0]!), 0);
      expect(beatArea).toBeCloseTo(districtArea, 9);
    }
  });

  it('has unique call-type codes whose default priorities are configured levels', () => {
    const codes = demo.callTypes.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    const levels = new Set(demo.priorities.map((p) => p.level));
    for (const type of demo.callTypes) expect(levels, type.code).toContain(type.defaultPriority);
    expect(demo.callTypes.some((t) => t.officerInitiated)).toBe(true);
  });

  it('has unique priority levels and disposition codes', () => {
    const levels = demo.priorities.map((p) => p.level);
    expect(new Set(levels).size).toBe(levels.length);
    const dispositions = demo.dispositions.map((d) => d.code);
    expect(new Set(dispositions).size).toBe(dispositions.length);
  });
});

describe('agencyConfigSchema', () => {
  const copy = (): AgencyConfigInput => structuredClone(demoInput);

  it('rejects an unknown time zone', () => {
    const broken = copy();
    broken.timeZone = 'America/Harbor_City';
    const result = agencyConfigSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path.join('.') === 'timeZone')).toBe(true);
  });

  const withFirstBeatRing = (ring: (ring: Position[]) => Position[]): AgencyConfigInput => {
    const broken = copy();
    const geometry = broken.beats.features[0]!.geometry;
    if (geometry.type !== 'Polygon') throw new Error('expected a Polygon');
    geometry.coordinates[0] = ring(geometry.coordinates[0]!);
    return broken;
  };

  it('rejects an unclosed ring that is too short', () => {
    // Three positions, and the last is not the first.
    const result = agencyConfigSchema.safeParse(withFirstBeatRing((ring) => ring.slice(0, 3)));
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path[0] === 'beats')).toBe(true);
  });

  it('rejects a closed ring that is too short', () => {
    // [a, b, a]: closed but degenerate.
    const result = agencyConfigSchema.safeParse(
      withFirstBeatRing((ring) => [ring[0]!, ring[1]!, ring[0]!]),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path[0] === 'beats')).toBe(true);
  });

  it('rejects an unclosed ring of 4 or more positions', () => {
    const result = agencyConfigSchema.safeParse(withFirstBeatRing((ring) => ring.slice(0, -1)));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(
      'A polygon ring must end where it starts',
    );
  });
});

interface DemoParams {
  callsPerDay: number;
  hourly: { meanCallsPerHour: number[]; peakHour: number; troughHour: number };
  weekdayHourly: { daysInPeriod: number[]; meanCallsPerHour: number[][] };
  source: { period: { days: number }; calls: number };
  callTypeMix: { shares: Record<string, number> };
  officerInitiatedShare: number;
  spatial: { beatShares: Record<string, number> };
  timeToClose: { byPriority: Record<string, Record<string, number>> };
}

describe('demo parameters (config/agencies/demo-params.json)', () => {
  const params = readJson('demo-params.json') as DemoParams;
  const demo = agencyConfigSchema.parse(demoInput);
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

  it('has 24 hourly rates that add up to the calls per day, within rounding', () => {
    const hourly = params.hourly.meanCallsPerHour;
    expect(hourly).toHaveLength(24);
    expect(params.callsPerDay).toBeCloseTo(params.source.calls / params.source.period.days, 2);
    // Each rate is rounded to 0.01: at most 24 × 0.005 off, plus the rounding of callsPerDay.
    expect(Math.abs(sum(hourly) - params.callsPerDay)).toBeLessThanOrEqual(24 * 0.005 + 0.005);
    expect(hourly[params.hourly.peakHour]).toBe(Math.max(...hourly));
    expect(hourly[params.hourly.troughHour]).toBe(Math.min(...hourly));
  });

  it('has weekday × hour rates consistent with the calls per day', () => {
    const { daysInPeriod, meanCallsPerHour } = params.weekdayHourly;
    expect(meanCallsPerHour).toHaveLength(7);
    for (const row of meanCallsPerHour) expect(row).toHaveLength(24);
    expect(sum(daysInPeriod)).toBe(params.source.period.days);
    const weighted = sum(meanCallsPerHour.map((row, day) => sum(row) * daysInPeriod[day]!));
    expect(Math.abs(weighted / params.source.period.days - params.callsPerDay)).toBeLessThan(0.2);
  });

  it('has a call-type mix of demo codes that sums to 1', () => {
    const shares = params.callTypeMix.shares;
    expect(Math.abs(sum(Object.values(shares)) - 1)).toBeLessThanOrEqual(1e-6);
    const codes = new Set(demo.callTypes.map((t) => t.code));
    for (const code of Object.keys(shares)) expect(codes, code).toContain(code);
  });

  it('has an officer-initiated share consistent with the mix', () => {
    const fromMix = sum(
      demo.callTypes
        .filter((t) => t.officerInitiated)
        .map((t) => params.callTypeMix.shares[t.code] ?? 0),
    );
    expect(params.officerInitiatedShare).toBeCloseTo(fromMix, 3);
  });

  it('spreads calls over exactly the demo beats', () => {
    const shares = params.spatial.beatShares;
    expect(Object.keys(shares).sort()).toEqual(
      demo.beats.features.map((b) => b.properties.code).sort(),
    );
    expect(Math.abs(sum(Object.values(shares)) - 1)).toBeLessThanOrEqual(1e-6);
  });

  it('has increasing time-to-close quantiles for every configured priority', () => {
    for (const { level } of demo.priorities) {
      const q = params.timeToClose.byPriority[String(level)];
      expect(q, `priority ${level}`).toBeDefined();
      const values = ['p10', 'p25', 'p50', 'p75', 'p90'].map((key) => q![key]!);
      expect([...values].sort((a, b) => a - b)).toEqual(values);
    }
  });
});
