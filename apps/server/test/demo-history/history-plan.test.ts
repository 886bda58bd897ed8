import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgencyConfig } from '@watchfloor/contracts';
import { repoRoot } from '../../src/config.ts';
import { loadDemoParams } from '../../src/demo/city/demo-city.ts';
import type { DemoParams } from '../../src/demo/city/params.ts';
import { planHistory, type HistoryCall } from '../../src/demo/history/history-plan.ts';
import { loadAgencyConfig } from '../../src/modules/agency/agency.loader.ts';

const bootMs = Date.parse('2026-03-18T19:00:00Z');
const dayMs = 86_400_000;
let agency: AgencyConfig;
let params: DemoParams;

beforeAll(async () => {
  agency = await loadAgencyConfig(path.join(repoRoot, 'config/agencies/demo.json'));
  params = await loadDemoParams(path.join(repoRoot, 'config/agencies/demo-params.json'));
});

const plan = (seed: string, days = 7) =>
  planHistory({
    agency,
    params,
    seed,
    rateMultiplier: 1,
    fromMs: bootMs - days * dayMs,
    toMs: bootMs - 3_600_000,
    nowMs: bootMs,
    idPrefix: 'T',
  });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const seconds = (from: Date | null, to: Date | null) =>
  from && to ? (to.getTime() - from.getTime()) / 1000 : null;

describe('planHistory', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = plan('one', 1);
    expect(plan('one', 1)).toEqual(a);
    expect(plan('two', 1).calls.map((c) => c.receivedAt)).not.toEqual(
      a.calls.map((c) => c.receivedAt),
    );
  });

  it('draws stage times from the simulated lognormals of demo-params', () => {
    const { calls } = plan('stages');
    const community = (priority: number) =>
      calls.filter((c) => !c.officerInitiated && c.priority === priority && c.dispatchedAt);
    for (const priority of [1, 2, 3, 4]) {
      const key = String(priority);
      const group = community(priority);
      const processing = median(group.map((c) => seconds(c.receivedAt, c.dispatchedAt)!));
      const travel = median(
        group.filter((c) => c.onsceneAt).map((c) => seconds(c.dispatchedAt, c.onsceneAt)!),
      );
      expect(processing / params.simulated.processing[key]!.median).toBeGreaterThan(0.8);
      expect(processing / params.simulated.processing[key]!.median).toBeLessThan(1.25);
      expect(travel / params.simulated.travel[key]!.median).toBeGreaterThan(0.8);
      expect(travel / params.simulated.travel[key]!.median).toBeLessThan(1.25);
    }
  });

  it('closes quick calls without a unit and gives every dispatched call one', () => {
    const { calls, roster } = plan('units');
    const signs = new Set(roster.map((u) => u.callSign));
    const dispatched = calls.filter((c) => c.dispatchedAt);
    expect(dispatched.every((c: HistoryCall) => c.unit !== null && signs.has(c.unit))).toBe(true);
    expect(calls.filter((c) => !c.dispatchedAt).every((c) => c.unit === null)).toBe(true);
    // The live city's quick closes (about 28% of calls) are kept.
    const quick = calls.filter((c) => !c.dispatchedAt && c.status === 'closed').length;
    expect(quick / calls.length).toBeGreaterThan(0.2);
    expect(quick / calls.length).toBeLessThan(0.35);
    expect(roster).toHaveLength(55);
  });
});
