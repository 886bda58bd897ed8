import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config.ts';
import { createAgencyDirectory } from './agency-directory.ts';
import { loadAgencyConfig } from './agency.loader.ts';

const square = (west: number, size: number) => [
  [
    [west, 0],
    [west + size, 0],
    [west + size, size],
    [west, size],
    [west, 0],
  ],
];
const collection = (features: { properties: object; west: number }[]) => ({
  type: 'FeatureCollection',
  features: features.map(({ properties, west }) => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates: square(west, 0.01) },
  })),
});

const agency = {
  id: 'files',
  name: 'Boundary files',
  timeZone: 'America/Chicago',
  map: { center: [0.01, 0.005], zoom: 12 },
  districts: { file: 'geo/districts.geojson', codeProperty: 'DIST', name: 'Area {DIST}' },
  beats: {
    file: 'geo/beats.geojson',
    codeProperty: 'beat',
    districtProperty: 'dist',
    districtMap: { '9': '2' },
  },
  priorities: [{ level: 1, label: 'One', targets: {} }],
  callTypes: [{ code: 'DIST', description: 'Disturbance', defaultPriority: 1 }],
  dispositions: [{ code: 'RPT', description: 'Report' }],
};

describe('loadAgencyConfig with boundary files', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'watchfloor-agency-'));
    await fs.mkdir(path.join(folder, 'geo'));
    await fs.writeFile(
      path.join(folder, 'geo/districts.geojson'),
      JSON.stringify(
        collection([
          { properties: { DIST: 1, other: 'x' }, west: 0 },
          { properties: { DIST: '2' }, west: 0.01 },
        ]),
      ),
    );
    await fs.writeFile(
      path.join(folder, 'geo/beats.geojson'),
      JSON.stringify(
        collection([
          { properties: { beat: '1A', dist: '1' }, west: 0 },
          { properties: { beat: '2A', dist: '9' }, west: 0.01 },
        ]),
      ),
    );
  });
  afterAll(() => fs.rm(folder, { recursive: true, force: true }));

  const write = async (content: object) => {
    const file = path.join(folder, 'agency.json');
    await fs.writeFile(file, JSON.stringify(content));
    return file;
  };

  it('reads the files relative to the agency file, keeping only code, name and district', async () => {
    const loaded = await loadAgencyConfig(await write(agency));
    expect(loaded.districts.features.map((feature) => feature.properties)).toEqual([
      { code: '1', name: 'Area 1' },
      { code: '2', name: 'Area 2' },
    ]);
    expect(loaded.beats.features.map((feature) => feature.properties)).toEqual([
      { code: '1A', name: '1A', district: '1' },
      { code: '2A', name: '2A', district: '2' },
    ]);
    expect(createAgencyDirectory(loaded).locate({ lon: 0.015, lat: 0.005 })).toEqual({
      beat: '2A',
      district: '2',
    });
  });

  it('names the agency file and the missing boundary file', async () => {
    const file = await write({ ...agency, beats: { ...agency.beats, file: 'geo/none.geojson' } });
    await expect(loadAgencyConfig(file)).rejects.toThrow(
      /agency\.json: cannot read .*none\.geojson/,
    );
  });

  it('lists what is wrong in a boundary file', async () => {
    const file = await write({
      ...agency,
      districts: { ...agency.districts, codeProperty: 'NOPE' },
    });
    await expect(loadAgencyConfig(file)).rejects.toThrow(
      /districts\.features\.0\.properties\.code/,
    );
  });
});

const oaklandAgency = path.join(repoRoot, 'config/agencies/oakland.agency.json');
const sharedData = path.resolve(repoRoot, '../shared/data/beats.geojson');

describe.runIf(existsSync(sharedData))('the Oakland agency file', () => {
  it('loads the city’s districts and beats from ../shared/data', async () => {
    const loaded = await loadAgencyConfig(oaklandAgency);
    expect(loaded.districts.features.map((feature) => feature.properties.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(loaded.beats.features).toHaveLength(59);
    // The README's first row: 3554 65TH AV, beat 29X, POL_DIST 5.
    expect(createAgencyDirectory(loaded).locate({ lon: -122.1759143, lat: 37.7748159 })).toEqual({
      beat: '29X',
      district: '5',
    });
  });
});
