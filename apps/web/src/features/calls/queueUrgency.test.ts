import type { AgencyConfig } from '@watchfloor/contracts';
import { describe, expect, it } from 'vitest';
import { urgencyAt, urgencyThresholds } from './queueUrgency.ts';

const priorities: AgencyConfig['priorities'] = [
  { level: 1, label: 'Emergency', targets: { processing: 60, response: 420 } },
  { level: 2, label: 'Urgent', targets: { processing: 120 } },
];

describe('queue urgency', () => {
  it('turns a pending call amber past the dispatch target and red past the response target', () => {
    const thresholds = urgencyThresholds({ status: 'pending', priority: 1 }, priorities);
    expect(urgencyAt(59, thresholds)).toBe('ok');
    expect(urgencyAt(60, thresholds)).toBe('amber');
    expect(urgencyAt(419, thresholds)).toBe('amber');
    expect(urgencyAt(420, thresholds)).toBe('red');
  });

  it('warns at 80 % of the response target while a unit is on the way', () => {
    const thresholds = urgencyThresholds({ status: 'enroute', priority: 1 }, priorities);
    expect(thresholds).toEqual({ amberAfter: 336, redAfter: 420 });
    expect(urgencyAt(335, thresholds)).toBe('ok');
    expect(urgencyAt(336, thresholds)).toBe('amber');
  });

  it('leaves calls without a target, and calls on scene, uncoloured', () => {
    expect(urgencyThresholds({ status: 'dispatched', priority: 2 }, priorities)).toEqual({
      amberAfter: null,
      redAfter: null,
    });
    expect(
      urgencyAt(10_000, urgencyThresholds({ status: 'onscene', priority: 1 }, priorities)),
    ).toBe('ok');
    expect(
      urgencyAt(10_000, urgencyThresholds({ status: 'pending', priority: 7 }, priorities)),
    ).toBe('ok');
  });
});
