import type { GeoJSONFeatureDiff, GeoJSONSourceDiff } from 'maplibre-gl';

/** Property values a map layer's expressions read; absent (or undefined) means "not known". */
export type FeatureProperties = { id: string } & Record<
  string,
  string | number | boolean | undefined
>;

/** A point on the map, identified by `properties.id` (the source's `promoteId`). */
export interface PointFeature<P extends FeatureProperties = FeatureProperties> {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

function changedProperties(held: FeatureProperties, next: FeatureProperties) {
  // for…in rather than Object.entries: this runs for every moving unit, every second.
  let set: { key: string; value: unknown }[] | null = null;
  let removed: string[] | null = null;
  for (const key in next) {
    const value = next[key];
    if (value !== undefined && held[key] !== value) (set ??= []).push({ key, value });
  }
  for (const key in held) {
    if (held[key] !== undefined && next[key] === undefined) (removed ??= []).push(key);
  }
  return { set: set ?? [], removed: removed ?? [] };
}

/** The update that turns `held` into `next`, or null when they draw the same. */
function featureUpdate(held: PointFeature, next: PointFeature): GeoJSONFeatureDiff | null {
  const [heldLon, heldLat] = held.geometry.coordinates;
  const [lon, lat] = next.geometry.coordinates;
  const moved = heldLon !== lon || heldLat !== lat;
  const { set, removed } = changedProperties(held.properties, next.properties);
  if (!moved && set.length === 0 && removed.length === 0) return null;
  return {
    id: next.properties.id,
    ...(moved ? { newGeometry: next.geometry } : {}),
    ...(removed.length > 0 ? { removeProperties: removed } : {}),
    ...(set.length > 0 ? { addOrUpdateProperties: set } : {}),
  };
}

/**
 * A copy of what a GeoJSON source holds, to work out the smallest `updateData` diff that
 * brings it to a new state: features added, moved or restyled, and removed, by id. MapLibre
 * then re-tiles only what changed, instead of the whole source as `setData` does.
 */
export interface FeatureMirror<P extends FeatureProperties> {
  /** Changes for just these ids (`null`: the feature is gone); others are left alone. */
  diff(
    changes: Iterable<readonly [id: string, feature: PointFeature<P> | null]>,
  ): GeoJSONSourceDiff | null;
  /** Changes that make the source hold exactly `features`. */
  diffAll(features: Iterable<PointFeature<P>>): GeoJSONSourceDiff | null;
  /** The feature as the source holds it now; the same object until it changes. */
  get(id: string): PointFeature<P> | undefined;
  /** Forgets everything (the source was removed). */
  clear(): void;
  readonly size: number;
}

/** Records each diff as it is produced: the caller must send every diff it gets. */
export function createFeatureMirror<P extends FeatureProperties>(): FeatureMirror<P> {
  const held = new Map<string, PointFeature<P>>();

  function diff(changes: Iterable<readonly [string, PointFeature<P> | null]>) {
    const add: PointFeature<P>[] = [];
    const update: GeoJSONFeatureDiff[] = [];
    const remove: string[] = [];
    for (const [id, next] of changes) {
      const current = held.get(id);
      if (next === null) {
        if (current) {
          remove.push(id);
          held.delete(id);
        }
        continue;
      }
      if (!current) add.push(next);
      else {
        const change = featureUpdate(current, next);
        if (change) update.push(change);
      }
      held.set(id, next);
    }
    if (add.length + update.length + remove.length === 0) return null;
    const result: GeoJSONSourceDiff = {};
    if (add.length > 0) result.add = add;
    if (update.length > 0) result.update = update;
    if (remove.length > 0) result.remove = remove;
    return result;
  }

  return {
    diff,
    diffAll(features) {
      const changes = new Map<string, PointFeature<P> | null>();
      for (const id of held.keys()) changes.set(id, null);
      for (const feature of features) changes.set(feature.properties.id, feature);
      return diff(changes);
    },
    get: (id) => held.get(id),
    clear: () => held.clear(),
    get size() {
      return held.size;
    },
  };
}
