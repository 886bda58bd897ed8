import type { Role } from '@watchfloor/authz';
import { describe, expect, it } from 'vitest';
import { meFor } from '../../testing/fixtures.ts';
import { abilityOf } from '../auth/ability.ts';
import { liveAccessOf } from './liveAccess.ts';

function accessFor(role: Role, districts: string[] = []) {
  const user = meFor(role, districts);
  return liveAccessOf(abilityOf(user), user);
}

describe('liveAccessOf', () => {
  it.each([
    ['dispatcher', [], { calls: true, units: true }],
    ['supervisor', [], { calls: true, units: true }],
    ['supervisor', ['D1'], { calls: true, units: true }],
    ['analyst', [], { calls: false, units: false }],
    ['admin', [], { calls: false, units: false }],
    ['integration', [], { calls: false, units: false }],
  ] as const)('gives a %s (districts %j) %j', (role, districts, expected) => {
    expect(accessFor(role, [...districts])).toEqual(expected);
  });
});
