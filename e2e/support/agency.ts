import type { APIRequestContext } from '@playwright/test';
import type { AgencyConfig } from '@watchfloor/contracts';
import { findArea, type Area } from '@watchfloor/domain';

/** A point inside a district of the running agency, found on a grid over its bounding box. */
export async function pointInDistrict(request: APIRequestContext, district: string) {
  const agency = (await (await request.get('/api/agency')).json()) as AgencyConfig;
  const beats = agency.beats.features as Area<{ code: string; district: string }>[];
  const feature = agency.districts.features.find(
    (candidate) => candidate.properties.code === district,
  );
  if (!feature) throw new Error(`no district ${district}`);
  const rings =
    feature.geometry.type === 'Polygon'
      ? feature.geometry.coordinates
      : feature.geometry.coordinates.flat();
  const positions = rings.flat();
  const lons = positions.map(([lon]) => lon);
  const lats = positions.map(([, lat]) => lat);
  const [west, east, south, north] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  for (let i = 5; i < 10; i += 1) {
    for (let j = 5; j < 10; j += 1) {
      const point = {
        lon: west + ((east - west) * i) / 15,
        lat: south + ((north - south) * j) / 15,
      };
      if (findArea(beats, point)?.district === district) return point;
    }
  }
  throw new Error(`no point found inside district ${district}`);
}
