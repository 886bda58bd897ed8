import { describe, expect, it } from 'vitest';
import { cliOperatorActor } from '../modules/audit/actor.ts';
import { namedOperator } from './operator.ts';

describe('the operator of a CLI command', () => {
  it('is named by --operator first, then by WATCHFLOOR_OPERATOR; an empty variable names nobody', () => {
    expect(namedOperator('sam.k', 'Robin Ops')).toBe('sam.k');
    expect(namedOperator(undefined, 'Robin Ops')).toBe('Robin Ops');
    expect(namedOperator(undefined, '')).toBeUndefined();
    expect(namedOperator(undefined, undefined)).toBeUndefined();
  });

  it('refuses a name that would put control characters or a wall of text in the audit log', () => {
    for (const name of ['x\u0007y', 'a\nb', '', ' leading', 'x'.repeat(65)])
      expect(() => namedOperator(name, undefined), JSON.stringify(name)).toThrow(/--operator/);
  });

  it('is audited with the OS account, and the named operator when that differs', () => {
    expect(cliOperatorActor('deploy', 'Robin Ops').username).toBe('cli:Robin Ops (os user deploy)');
    expect(cliOperatorActor('robin', 'robin').username).toBe('cli:robin');
    expect(cliOperatorActor('robin').username).toBe('cli:robin');
  });
});
