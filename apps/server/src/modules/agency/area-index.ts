import { findArea, type Area, type LonLat } from '@watchfloor/domain';

type Box = [west: number, south: number, east: number, north: number];

function boxOf(area: Area<unknown>): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons =
    area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  for (const polygon of polygons)
    for (const [lon, lat] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  return box;
}

/**
 * Point-in-polygon over many areas, fast: only areas whose bounding box holds
 * the point are tested (a city's beats have thousands of vertices each, and an
 * import locates every row). Same answer as `findArea`, order included.
 */
export function createAreaIndex<P>(areas: readonly Area<P>[]) {
  const boxes = areas.map(boxOf);
  return {
    find(point: LonLat): P | undefined {
      const candidates = areas.filter((_, index) => {
        const [west, south, east, north] = boxes[index]!;
        return point.lon >= west && point.lon <= east && point.lat >= south && point.lat <= north;
      });
      return findArea(candidates, point);
    },
  };
}
