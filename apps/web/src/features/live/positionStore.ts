import type { LivePosition } from '@watchfloor/contracts';

/** Called with the ids of the units whose latest position changed. */
export type PositionListener = (changedUnitIds: ReadonlySet<string>) => void;

/**
 * The newest known position of every unit, outside React. Position batches arrive about once
 * a second for every moving unit; putting them through React state would re-render whole
 * trees each time. The map's units layer subscribes here and redraws only what changed;
 * components that show one unit's position (a tooltip) subscribe to that unit alone.
 */
export interface PositionStore {
  /** Merges a batch; a report older than the one held for its unit is ignored. */
  merge(positions: readonly LivePosition[]): ReadonlySet<string>;
  get(unitId: string): LivePosition | undefined;
  unitIds(): IterableIterator<string>;
  subscribe(listener: PositionListener): () => void;
}

export function createPositionStore(): PositionStore {
  const latest = new Map<string, { position: LivePosition; atMs: number }>();
  const listeners = new Set<PositionListener>();

  return {
    merge(positions) {
      const start = performance.now(); // bench/map: merge + the units layer's draw = one batch applied
      const changed = new Set<string>();
      for (const position of positions) {
        const atMs = Date.parse(position.at);
        const held = latest.get(position.unitId);
        // Equal times are not news: the same report, delivered again.
        if (held && atMs <= held.atMs) continue;
        latest.set(position.unitId, { position, atMs });
        changed.add(position.unitId);
      }
      if (changed.size > 0) for (const listener of listeners) listener(changed);
      performance.measure('watchfloor:positions-apply:merge', { start, detail: changed.size });
      performance.clearMeasures('watchfloor:positions-apply:merge'); // observers still get it
      return changed;
    },
    get: (unitId) => latest.get(unitId)?.position,
    unitIds: () => latest.keys(),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
