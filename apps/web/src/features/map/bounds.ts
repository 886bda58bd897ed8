import type { AgencyConfig } from '@watchfloor/contracts';

export type AreaFeature =
  AgencyConfig['districts']['features'][number] | AgencyConfig['beats']['features'][number];

/** `[[west, south], [east, north]]`, as MapLibre's `fitBounds` takes it. */
export type Bounds = [[number, number], [number, number]];

function positionsOf(feature: AreaFeature): (readonly [number, number])[] {
  const { geometry } = feature;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flat(2);
}

/** The box around every vertex of the features, or `null` when there are none. */
export function boundsOf(features: readonly AreaFeature[]): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of features) {
    for (const [lon, lat] of positionsOf(feature)) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  return west <= east
    ? [
        [west, south],
        [east, north],
      ]
    : null;
}
