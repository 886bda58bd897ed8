import type { AgencyConfig } from '@watchfloor/contracts';

type Ring = [number, number][];
const square = (west: number, south: number, size: number): Ring => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
];

/** A two-district test city: district 1 west of lon 0.01, district 2 east of it. */
export const testAgency: AgencyConfig = {
  id: 'test',
  name: 'Test City Police',
  timeZone: 'America/Chicago',
  map: { center: [0.01, 0.005], zoom: 13, styleUrl: null },
  districts: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: '1', name: 'West' },
        geometry: { type: 'Polygon', coordinates: [square(0, 0, 0.01)] },
      },
      {
        type: 'Feature',
        properties: { code: '2', name: 'East' },
        geometry: { type: 'Polygon', coordinates: [square(0.01, 0, 0.01)] },
      },
    ],
  },
  beats: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: '1A', name: '1A', district: '1' },
        geometry: { type: 'Polygon', coordinates: [square(0, 0, 0.01)] },
      },
      {
        type: 'Feature',
        properties: { code: '2A', name: '2A', district: '2' },
        geometry: { type: 'Polygon', coordinates: [square(0.01, 0, 0.01)] },
      },
    ],
  },
  priorities: [
    { level: 1, label: 'Emergency', targets: { response: 420 } },
    { level: 2, label: 'Routine', targets: { response: 1200 } },
  ],
  callTypes: [
    { code: 'DIST', description: 'Disturbance', defaultPriority: 1, officerInitiated: false },
    { code: 'TRAF', description: 'Traffic stop', defaultPriority: 2, officerInitiated: true },
  ],
  dispositions: [{ code: 'RPT', description: 'Report taken' }],
};
