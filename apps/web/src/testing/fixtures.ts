import { defineAbilityFor, packAbilityRules, type Role } from '@watchfloor/authz';
import type { AgencyConfig, MeResponse } from '@watchfloor/contracts';

const userIds: Record<Role, string> = {
  dispatcher: '00000000-0000-4000-8000-000000000001',
  supervisor: '00000000-0000-4000-8000-000000000002',
  analyst: '00000000-0000-4000-8000-000000000003',
  admin: '00000000-0000-4000-8000-000000000004',
  integration: '00000000-0000-4000-8000-000000000005',
};

/** A `/api/me` answer for a role, with the rules the server would pack for it. */
export function meFor(role: Role, districts: string[] = []): MeResponse {
  const id = userIds[role];
  return {
    id,
    username: `${role}1`,
    displayName: `Test ${role}`,
    role,
    districts,
    rules: packAbilityRules(defineAbilityFor({ id, role, districts })),
    passwordChangeRequired: false,
  };
}

function square(west: number, south: number, size: number): [number, number][][] {
  return [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ];
}

/** A two-district agency in Chicago's time zone. */
export const testAgency: AgencyConfig = {
  id: 'test',
  name: 'Test City Police',
  timeZone: 'America/Chicago',
  map: { center: [-87.65, 41.85], zoom: 11, styleUrl: null },
  districts: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: 'D1', name: 'North' },
        geometry: { type: 'Polygon', coordinates: square(-87.7, 41.9, 0.1) },
      },
      {
        type: 'Feature',
        properties: { code: 'D2', name: 'South' },
        geometry: { type: 'Polygon', coordinates: square(-87.7, 41.8, 0.1) },
      },
    ],
  },
  beats: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: 'B11', name: 'Beat 11', district: 'D1' },
        geometry: { type: 'Polygon', coordinates: square(-87.7, 41.9, 0.05) },
      },
    ],
  },
  priorities: [{ level: 1, label: 'Emergency', targets: { response: 420 } }],
  callTypes: [{ code: 'THEFT', description: 'Theft', defaultPriority: 3, officerInitiated: false }],
  dispositions: [{ code: 'RPT', description: 'Report taken' }],
};
