import type { TransitionCheck } from './call-status.ts';

/** APCO 1.116-inspired unit statuses. */
export const unitStatuses = [
  'available',
  'dispatched',
  'enroute',
  'onscene',
  'busy',
  'out_of_service',
  'off_duty',
] as const;
export type UnitStatus = (typeof unitStatuses)[number];

/** Statuses in which a unit is working a call. */
export const unitStatusesOnCall = ['dispatched', 'enroute', 'onscene'] as const;

const unitTransitions: Record<UnitStatus, readonly UnitStatus[]> = {
  available: ['dispatched', 'enroute', 'onscene', 'busy', 'out_of_service', 'off_duty'],
  dispatched: ['enroute', 'onscene', 'available'],
  enroute: ['onscene', 'available'],
  onscene: ['available', 'busy'],
  busy: ['available', 'out_of_service', 'off_duty'],
  out_of_service: ['available', 'off_duty'],
  off_duty: ['available'],
};

export function isOnCall(status: UnitStatus): boolean {
  return (unitStatusesOnCall as readonly string[]).includes(status);
}

/** Whether a unit may go from `from` to `to`, with the reason when it may not. */
export function checkUnitTransition(from: UnitStatus, to: UnitStatus): TransitionCheck {
  if (unitTransitions[from].includes(to)) return { ok: true };
  if (from === to) return { ok: false, reason: `The unit is already ${from}` };
  return { ok: false, reason: `A unit cannot go from ${from} to ${to}` };
}

/** Every legal unit transition, for tests and for the web's status menus. */
export function allowedUnitTransitions(from: UnitStatus): readonly UnitStatus[] {
  return unitTransitions[from];
}
