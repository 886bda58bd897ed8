import type { Unit } from '@watchfloor/contracts';
import type { GeoJSONSource, GeoJSONSourceDiff, MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { freshnessRecheckMs } from '../../live/liveConfig.ts';
import type { PositionStore } from '../../live/positionStore.ts';
import { mapIds } from '../ids.ts';
import type { LivePalette } from '../livePalette.ts';
import { isMapRemoved, useMap } from '../mapContext.ts';
import { sendDiff } from './CallsLayer.tsx';
import { createFeatureMirror, type PointFeature } from './featureMirror.ts';
import { clusterOptions } from './clusters.ts';
import { createSelectedSource, type SelectedSource } from './selectedSource.ts';
import { addUnitLayers, colorUnitLayers, removeUnitLayers } from './unitLayers.ts';
import { unitFeature, type UnitFeatureProperties } from './unitFeatures.ts';

/** Sends a diff to the units source, then brings the selection's copy up to date. */
function applyDiff(map: MapLibreMap, diff: GeoJSONSourceDiff | null, selected: SelectedSource) {
  if (diff) sendDiff(map.getSource<GeoJSONSource>(mapIds.unitsSource), diff);
  selected.sync();
}

interface UnitsLayerProps {
  units: readonly Unit[];
  /** Live positions; read directly, never through React state. */
  positions: PositionStore | null;
  palette: LivePalette;
  selectedUnitId: string | null;
}

/**
 * Units as circles coloured by status, with an arrow for the heading; stale positions are
 * faded inside a dashed ring, lost ones grey and hollow. Position batches are applied once
 * per animation frame, as a diff of only the units that moved. Renders nothing.
 */
export function UnitsLayer({ units, positions, palette, selectedUnitId }: UnitsLayerProps) {
  const map = useMap();
  const [mirror] = useState(createFeatureMirror<UnitFeatureProperties>);
  const [selected] = useState(() => createSelectedSource(map, mapIds.unitSelectedSource, mirror));
  // The latest units by id, for the frame callback; written after each render.
  const unitsById = useRef(new Map<string, Unit>());

  useEffect(() => {
    map.addSource(mapIds.unitsSource, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
      ...clusterOptions,
    });
    addUnitLayers(map);
    return () => {
      mirror.clear();
      removeUnitLayers(map);
    };
  }, [map, mirror]);

  useEffect(() => colorUnitLayers(map, palette), [map, palette]);

  // A new unit list (a status change, a snapshot): redraw whatever differs, all units.
  useEffect(() => {
    unitsById.current = new Map(units.map((unit) => [unit.id, unit]));
    const now = Date.now();
    const features: PointFeature<UnitFeatureProperties>[] = [];
    for (const unit of units) {
      const feature = unitFeature(unit, positions?.get(unit.id), now);
      if (feature) features.push(feature);
    }
    const diff = mirror.diffAll(features);
    applyDiff(map, diff, selected);
  }, [map, mirror, selected, units, positions]);

  // Live positions: gather the units that moved and send one diff per frame for them.
  useEffect(() => {
    if (!positions) return;
    const moved = new Set<string>();
    let frame: number | null = null;

    function flush() {
      frame = null;
      if (isMapRemoved(map)) return;
      const start = performance.now(); // bench/map: see positionStore.merge
      const now = Date.now();
      const changes: [string, PointFeature<UnitFeatureProperties> | null][] = [];
      for (const unitId of moved) {
        const unit = unitsById.current.get(unitId);
        // Units the list lacks are not drawn until it has them (the list is being reloaded).
        if (unit) changes.push([unitId, unitFeature(unit, positions?.get(unitId), now)]);
      }
      moved.clear();
      const diff = mirror.diff(changes);
      applyDiff(map, diff, selected);
      performance.measure('watchfloor:positions-apply:draw', { start, detail: changes.length });
      performance.clearMeasures('watchfloor:positions-apply:draw');
    }

    const unsubscribe = positions.subscribe((changed) => {
      for (const unitId of changed) moved.add(unitId);
      frame ??= requestAnimationFrame(flush);
    });
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [map, mirror, selected, positions]);

  // Positions age in silence: every few seconds, reclassify and send what changed class.
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const changes: [string, PointFeature<UnitFeatureProperties> | null][] = [];
      for (const unit of unitsById.current.values()) {
        changes.push([unit.id, unitFeature(unit, positions?.get(unit.id), now)]);
      }
      const diff = mirror.diff(changes);
      applyDiff(map, diff, selected);
    }, freshnessRecheckMs);
    return () => clearInterval(timer);
  }, [map, mirror, selected, positions]);

  useEffect(() => selected.select(selectedUnitId), [selected, selectedUnitId]);
  return null;
}
