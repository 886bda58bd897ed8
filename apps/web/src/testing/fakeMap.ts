import type { GeoJSONSourceDiff, MapLibreMap } from 'maplibre-gl';

interface FakeSource {
  spec: Record<string, unknown>;
  /** Every diff sent with `updateData`, in order. */
  diffs: GeoJSONSourceDiff[];
  /** Every whole-source replacement sent with `setData`, in order. */
  replacements: unknown[];
  updateData(diff: GeoJSONSourceDiff): Promise<void>;
  setData(data: unknown): Promise<void>;
}

/**
 * Just enough of a MapLibre map to watch what the live layers send it: sources record their
 * `updateData` diffs and `setData` replacements (which the big live sources must never get).
 */
export function createFakeLiveMap() {
  const sources = new Map<string, FakeSource>();
  const layers = new Map<string, { source?: string; paint: Record<string, unknown> }>();
  const featureState = new Map<string, Record<string, unknown>>();
  const images = new Set<string>();
  const fake = {
    addSource(id: string, spec: Record<string, unknown>) {
      if (sources.has(id)) throw new Error(`source ${id} exists`);
      const source: FakeSource = {
        spec,
        diffs: [],
        replacements: [],
        updateData(diff) {
          source.diffs.push(diff);
          return Promise.resolve();
        },
        setData(data) {
          source.replacements.push(data);
          return Promise.resolve();
        },
      };
      sources.set(id, source);
    },
    removeSource(id: string) {
      if ([...layers.values()].some((layer) => layer.source === id)) {
        throw new Error(`source ${id} still in use`);
      }
      sources.delete(id);
    },
    getSource: (id: string) => sources.get(id),
    addLayer(layer: { id: string; source?: string; paint?: Record<string, unknown> }) {
      if (layers.has(layer.id)) throw new Error(`layer ${layer.id} exists`);
      layers.set(layer.id, { source: layer.source, paint: { ...layer.paint } });
    },
    removeLayer: (id: string) => layers.delete(id),
    getLayer: (id: string) => layers.get(id),
    setPaintProperty(id: string, name: string, value: unknown) {
      const layer = layers.get(id);
      if (!layer) throw new Error(`no layer ${id}`);
      layer.paint[name] = value;
    },
    setFeatureState(target: { source: string; id: string }, state: Record<string, unknown>) {
      const key = `${target.source}/${target.id}`;
      featureState.set(key, { ...featureState.get(key), ...state });
    },
    on: () => {},
    off: () => {},
    listImages: () => [...images],
    hasImage: (id: string) => images.has(id),
    addImage: (id: string) => images.add(id),
    updateImage: () => {},
    removeImage: (id: string) => images.delete(id),
  };
  return { map: fake as unknown as MapLibreMap, sources, layers, featureState, images };
}
