import type { HotspotCell } from '@watchfloor/contracts';
import { cellToBoundary, latLngToCell } from 'h3-js';
import type { Bounds, CallPoint } from './hotspots.repo.ts';

/** The most cells one answer carries; a year of a large city at a fine grid stays under it. */
export const maxCells = 5000;

export interface Grid {
  cells: HotspotCell[];
  total: number;
  previousTotal: number;
  unlocated: number;
}

/**
 * Counts points per H3 cell for the window and the previous one, busiest first. Done in the
 * server (not SQL) because neither PGlite nor a stock PostgreSQL has H3; the query returns only
 * two numbers and a flag per call.
 */
export function countByCell(points: readonly CallPoint[], resolution: number): Grid {
  const counts = new Map<string, { count: number; previousCount: number }>();
  let total = 0;
  let previousTotal = 0;
  let unlocated = 0;
  for (const point of points) {
    if (point.previous) previousTotal += 1;
    else total += 1;
    if (point.lat === null || point.lon === null) {
      if (!point.previous) unlocated += 1;
      continue;
    }
    const cell = latLngToCell(point.lat, point.lon, resolution);
    const entry = counts.get(cell) ?? { count: 0, previousCount: 0 };
    if (point.previous) entry.previousCount += 1;
    else entry.count += 1;
    counts.set(cell, entry);
  }
  const cells = [...counts]
    .filter(([, entry]) => entry.count > 0)
    .map(([cell, { count, previousCount }]) => ({
      cell,
      count,
      previousCount,
      change: previousCount === 0 ? null : (count - previousCount) / previousCount,
    }))
    .sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell))
    .slice(0, maxCells);
  return { cells, total, previousTotal, unlocated };
}

/** The box around a cell, for a cheap first filter in SQL before the exact test. */
export function cellBounds(cell: string): Bounds {
  const boundary = cellToBoundary(cell);
  const lats = boundary.map(([lat]) => lat);
  const lons = boundary.map(([, lon]) => lon);
  return {
    south: Math.min(...lats),
    north: Math.max(...lats),
    west: Math.min(...lons),
    east: Math.max(...lons),
  };
}

export function isInCell(
  point: { lat: number | null; lon: number | null },
  cell: string,
  resolution: number,
) {
  return (
    point.lat !== null &&
    point.lon !== null &&
    latLngToCell(point.lat, point.lon, resolution) === cell
  );
}
