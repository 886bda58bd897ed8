import { describe, expect, it } from 'vitest';
import { buildCall, buildUnit } from '../../testing/liveFixtures.ts';
import { recommendationSpeedKmh, recommendUnits } from './recommendUnits.ts';

const at = (lat: number, lon: number) => ({
  lat,
  lon,
  heading: null,
  speed: null,
  accuracy: null,
  at: '2026-01-15T18:00:00.000Z',
});

describe('recommendUnits', () => {
  const call = buildCall({ lat: 41.85, lon: -87.65 });

  it('orders available units by straight-line ETA and skips busy or unplaced ones', () => {
    const far = buildUnit({ callSign: 'FAR', position: at(41.95, -87.65) });
    const near = buildUnit({ callSign: 'NEAR', position: at(41.851, -87.65) });
    const mid = buildUnit({ callSign: 'MID', position: at(41.87, -87.65) });
    const busy = buildUnit({ callSign: 'BUSY', status: 'busy', position: at(41.85, -87.65) });
    const lost = buildUnit({ callSign: 'LOST', position: null });

    const list = recommendUnits([far, busy, mid, lost, near], call);

    expect(list.map((entry) => entry.unit.callSign)).toEqual(['NEAR', 'MID', 'FAR']);
    // 0.1° of latitude is about 11.1 km; at 40 km/h that is about 1000 s.
    expect(list[2]!.distanceMeters).toBeCloseTo(11_119, -2);
    expect(list[2]!.etaSeconds).toBeCloseTo(11_119 / ((recommendationSpeedKmh * 1000) / 3600), -1);
  });

  it('uses the fresher position handed in', () => {
    const a = buildUnit({ callSign: 'A', position: at(41.851, -87.65) });
    const b = buildUnit({ callSign: 'B', position: at(41.95, -87.65) });
    const list = recommendUnits([a, b], call, (unit) =>
      unit.id === b.id ? { lat: 41.8501, lon: -87.65 } : unit.position,
    );
    expect(list.map((entry) => entry.unit.callSign)).toEqual(['B', 'A']);
  });
});
