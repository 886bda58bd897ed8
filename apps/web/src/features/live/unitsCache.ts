import type { Unit, UnitChangedMessage } from '@watchfloor/contracts';

/**
 * Applies one `units:changed` message to the units list. A message whose `seq` (the unit's
 * version) is no newer than the unit held is ignored; an unknown unit is added (it has just
 * come into view). Returns the same array when nothing changed.
 */
export function applyUnitChanged(units: Unit[], message: UnitChangedMessage): Unit[] {
  const index = units.findIndex((unit) => unit.id === message.unit.id);
  if (index === -1) return [...units, message.unit];
  const held = units[index];
  if (held && message.seq <= held.version) return units;
  return units.with(index, message.unit);
}
