import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../src/config.ts';

/**
 * The reference figures of `../shared/data/README.md` (computed by the data's
 * publisher, not by us): the oracle the Oakland import must reproduce.
 */
export const reference = {
  total: 66383,
  byStatusId: { C: 62922, P: 2221, A: 1233, I: 7 },
  /** By POL_DIST ('' = empty): calls, closed rows used, median and p90 of the total interval (s). */
  byDistrict: {
    all: { calls: 66383, closedUsed: 62922, median: 1852.0, p90: 22573.5 },
    '0': { calls: 10, closedUsed: 10, median: 1.0, p90: 26.9 },
    '1': { calls: 13790, closedUsed: 13418, median: 1722.0, p90: 17690.0 },
    '2': { calls: 11338, closedUsed: 11035, median: 1804.0, p90: 15865.8 },
    '3': { calls: 12457, closedUsed: 11814, median: 2092.5, p90: 22962.4 },
    '4': { calls: 11785, closedUsed: 10829, median: 2389.0, p90: 29674.6 },
    '5': { calls: 16979, closedUsed: 15795, median: 1395.0, p90: 27584.0 },
    '': { calls: 24, closedUsed: 21, median: 9.0, p90: 9409.0 },
  },
  zeroIntervalClosedRows: 10013,
  topCallTypes: [
    { callType: 'SECCK', description: 'SECURITY CHECK', calls: 6387 },
    { callType: '945A', description: 'AMBULANCE REQUESTED', calls: 6300 },
    { callType: '911C', description: '911 HANG UP FROM CP', calls: 4706 },
    { callType: '415C', description: '415 UNKNOWN', calls: 3092 },
    { callType: '10851', description: 'STOLEN VEHICLE', calls: 2657 },
    { callType: '933R', description: 'ALARM-RINGER', calls: 2011 },
    { callType: '911N', description: 'POLICE RELATED MATTE', calls: 1930 },
    { callType: 'R10851', description: 'RECOVERED STOLEN VEH', calls: 1765 },
    { callType: '459AU', description: 'AUTO BURGLARY', calls: 1473 },
    { callType: '976', description: 'CAR STOP', calls: 1330 },
  ],
  emptyCoordinates: 5,
} as const;

/** The shared test data beside the repository (never copied into it). */
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');
export const oaklandCallFiles = [
  'oakland_calls_for_service_2024-01.csv',
  'oakland_calls_for_service_2024-02.csv',
].map((name) => path.join(sharedDataDir, 'calls', name));
export const oaklandMappingFile = path.join(repoRoot, 'config/agencies/oakland.json');
export const oaklandAgencyFile = path.join(repoRoot, 'config/agencies/oakland.agency.json');

/**
 * Whether the Oakland files are there. Outside CI their absence skips the
 * suites with a message; in CI it is a failure.
 */
export function oaklandDataAvailable(): boolean {
  const missing = [...oaklandCallFiles, path.join(sharedDataDir, 'beats.geojson')].filter(
    (file) => !fs.existsSync(file),
  );
  if (missing.length === 0) return true;
  const message = `Oakland test data missing (${missing.join(', ')})`;
  const ci = process.env.CI;
  if (ci && ci !== 'false' && ci !== '0') throw new Error(`${message}; CI requires ../shared/data`);
  console.warn(`\n⚠ ${message}: the Oakland import suites are SKIPPED.\n`);
  return false;
}
