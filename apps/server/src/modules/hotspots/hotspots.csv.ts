import type { HotspotResponse } from '@watchfloor/contracts';
import { cellToLatLng } from 'h3-js';

export interface HotspotTable {
  filename: string;
  csv: string;
}

/**
 * The hexagon table: one row per cell, busiest first, with its centre so it can be mapped
 * elsewhere. Every value is a number or an H3 index (hexadecimal), so no cell can start a
 * spreadsheet formula; the window and origin are columns, not a comment line.
 */
export function hotspotCsv(table: HotspotResponse): string {
  const header =
    'rank,h3_cell,resolution,centre_lat,centre_lon,calls,previous_calls,change,origin,from,to';
  const rows = table.cells.map((cell, index) => {
    const [lat, lon] = cellToLatLng(cell.cell);
    const change = cell.change === null ? '' : cell.change.toFixed(4);
    return [
      index + 1,
      cell.cell,
      table.resolution,
      lat.toFixed(6),
      lon.toFixed(6),
      cell.count,
      cell.previousCount,
      change,
      table.origin,
      table.from,
      table.to,
    ].join(',');
  });
  return `${[header, ...rows].join('\r\n')}\r\n`;
}
