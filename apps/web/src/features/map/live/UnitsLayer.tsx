import type { Unit } from '@watchfloor/contracts';
import type { ExpressionSpecification, GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { freshnessRecheckMs } from '../../live/liveConfig.ts';
import type { PositionStore } from '../../live/positionStore.ts';
import { mapIds } from '../ids.ts';
import type { LivePalette } from '../livePalette.ts';
import { isMapRemoved, useMap } from '../mapContext.ts';
import { sendDiff } from './CallsLayer.tsx';
import { createFeatureMirror, type PointFeature } from './featureMirror.ts';
import { putUnitMarkerImages, removeUnitMarkerImages } from './markerImages.ts';
import { freshnessOpacity, selectedOpacity, unitColorExpression } from './paint.ts';
import { unitFeature, type UnitFeatureProperties } from './unitFeatures.ts';
import { useSelectionState } from './useSelectionState.ts';

interface UnitsLayerProps {
  units: readonly Unit[];
  /** Live positions; read directly, never through React state. */
  positions: PositionStore | null;
  palette: LivePalette;
  selectedUnitId: string | null;
}

const freshness: ExpressionSpecification = ['get', 'freshness'];
const layerIds = [mapIds.unitSelection, mapIds.unitHeading, mapIds.unitBody, mapIds.unitStaleRing];

/**
 * Units as circles coloured by status, with an arrow for the heading; stale positions are
 * faded inside a dashed ring, lost ones grey and hollow. Position batches are applied once
 * per animation frame, as a diff of only the units that moved. Renders nothing.
 */
export function UnitsLayer({ units, positions, palette, selectedUnitId }: UnitsLayerProps) {
  const map = useMap();
  const [mirror] = useState(createFeatureMirror<UnitFeatureProperties>);
  // The latest units by id, for the frame callback; written after each render.
  const unitsById = useRef(new Map<string, Unit>());

  useEffect(() => {
    map.addSource(mapIds.unitsSource, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    });
    map.addLayer({
      id: mapIds.unitStaleRing,
      type: 'symbol',
      source: mapIds.unitsSource,
      filter: ['!=', freshness, 'live'],
      layout: {
        'icon-image': mapIds.staleRingImage,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    });
    map.addLayer({
      id: mapIds.unitBody,
      type: 'circle',
      source: mapIds.unitsSource,
      paint: {
        'circle-radius': 7,
        // Lost is hollow: no fill, only the grey ring.
        'circle-opacity': ['match', freshness, 'lost', 0, 'stale', 0.45, 1],
        'circle-stroke-width': 2,
        'circle-stroke-opacity': freshnessOpacity,
      },
    });
    map.addLayer({
      id: mapIds.unitHeading,
      type: 'symbol',
      source: mapIds.unitsSource,
      filter: ['all', ['!=', freshness, 'lost'], ['==', ['typeof', ['get', 'heading']], 'number']],
      layout: {
        'icon-image': mapIds.headingImage,
        'icon-rotate': ['get', 'heading'],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: { 'icon-opacity': freshnessOpacity },
    });
    map.addLayer({
      id: mapIds.unitSelection,
      type: 'circle',
      source: mapIds.unitsSource,
      paint: {
        'circle-radius': 15,
        'circle-opacity': 0,
        'circle-stroke-width': 3,
        'circle-stroke-opacity': selectedOpacity,
      },
    });
    return () => {
      mirror.clear();
      if (isMapRemoved(map)) return;
      for (const id of layerIds) map.removeLayer(id);
      map.removeSource(mapIds.unitsSource);
      removeUnitMarkerImages(map, [mapIds.headingImage, mapIds.staleRingImage]);
    };
  }, [map, mirror]);

  useEffect(() => {
    putUnitMarkerImages(
      map,
      { heading: mapIds.headingImage, staleRing: mapIds.staleRingImage },
      { arrow: palette.unitRing, outline: palette.markerOutline, ring: palette.unitRing },
    );
    const color = unitColorExpression(palette);
    map.setPaintProperty(mapIds.unitBody, 'circle-color', color);
    map.setPaintProperty(mapIds.unitBody, 'circle-stroke-color', [
      'match',
      freshness,
      'lost',
      palette.unitLost,
      palette.unitRing,
    ]);
    map.setPaintProperty(mapIds.unitSelection, 'circle-stroke-color', palette.selection);
  }, [map, palette]);

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
    if (diff) sendDiff(map.getSource<GeoJSONSource>(mapIds.unitsSource), diff);
  }, [map, mirror, units, positions]);

  // Live positions: gather the units that moved and send one diff per frame for them.
  useEffect(() => {
    if (!positions) return;
    const moved = new Set<string>();
    let frame: number | null = null;

    function flush() {
      frame = null;
      if (isMapRemoved(map)) return;
      const now = Date.now();
      const changes: [string, PointFeature<UnitFeatureProperties> | null][] = [];
      for (const unitId of moved) {
        const unit = unitsById.current.get(unitId);
        // Units the list lacks are not drawn until it has them (the list is being reloaded).
        if (unit) changes.push([unitId, unitFeature(unit, positions?.get(unitId), now)]);
      }
      moved.clear();
      const diff = mirror.diff(changes);
      if (diff) sendDiff(map.getSource<GeoJSONSource>(mapIds.unitsSource), diff);
    }

    const unsubscribe = positions.subscribe((changed) => {
      for (const unitId of changed) moved.add(unitId);
      frame ??= requestAnimationFrame(flush);
    });
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [map, mirror, positions]);

  // Positions age in silence: every few seconds, reclassify and send what changed class.
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const changes: [string, PointFeature<UnitFeatureProperties> | null][] = [];
      for (const unit of unitsById.current.values()) {
        changes.push([unit.id, unitFeature(unit, positions?.get(unit.id), now)]);
      }
      const diff = mirror.diff(changes);
      if (diff) sendDiff(map.getSource<GeoJSONSource>(mapIds.unitsSource), diff);
    }, freshnessRecheckMs);
    return () => clearInterval(timer);
  }, [map, mirror, positions]);

  useSelectionState(map, mapIds.unitsSource, selectedUnitId);
  return null;
}
