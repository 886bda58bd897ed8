import 'maplibre-gl/dist/maplibre-gl.css';
import {
  GPUInitializationError,
  MapLibreMap,
  NavigationControl,
  type LngLatLike,
  type MapOptions,
} from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bounds } from './bounds.ts';
import { fitPadding } from './fitPadding.ts';
import { MapContext, markMapRemoved } from './mapContext.ts';
import { configureMaplibreWorker } from './maplibreWorker.ts';
import type { MapStyle } from './offlineStyle.ts';

export interface MapView {
  /** Where the map opens: fitted to `bounds` when given, else `center` and `zoom`. */
  bounds: Bounds | null;
  center: LngLatLike;
  zoom: number;
}

interface MapProviderProps {
  /** Read once, when the map is created; later changes go through layer components. */
  style: MapStyle;
  view: MapView;
  /** Whether the style pulls tiles that need to be credited. */
  showAttribution: boolean;
  children: ReactNode;
}

type MapStatus = 'loading' | 'ready' | 'unsupported' | 'failed';

/**
 * Creates the MapLibre map when mounted (never at import) and removes it when unmounted.
 * Children render only once the style has loaded, so layers can add sources straight away.
 */
export function MapProvider({ style, view, showAttribution, children }: MapProviderProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [status, setStatus] = useState<MapStatus>('loading');
  // The map is built from the first props only; re-creating it would lose the user's view.
  const initial = useRef({ style, view, showAttribution, t });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { style, view, showAttribution, t } = initial.current;
    configureMaplibreWorker();

    const options: MapOptions = {
      container,
      style,
      center: view.center,
      zoom: view.zoom,
      ...(view.bounds
        ? { bounds: view.bounds, fitBoundsOptions: { padding: fitPadding(container) } }
        : {}),
      attributionControl: showAttribution ? { compact: true } : false,
      // Symbols here are icons that always show (no labels to fade in and out); a fade would
      // keep the map repainting for a while after every live update.
      fadeDuration: 0,
      maplibreLogo: false,
      locale: {
        'Map.Title': t('map.regionLabel'),
        'NavigationControl.ZoomIn': t('map.zoomIn'),
        'NavigationControl.ZoomOut': t('map.zoomOut'),
        'NavigationControl.ResetBearing': t('map.resetBearing'),
        'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
      },
    };

    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap(options);
    } catch (error) {
      console.error('Map could not be created', error);
      // Reported asynchronously, like the map's own "error" events, rather than by a state
      // change inside the effect (which would render twice for nothing).
      queueMicrotask(() =>
        setStatus(error instanceof GPUInitializationError ? 'unsupported' : 'failed'),
      );
      return;
    }

    let loaded = false;
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.once('load', () => {
      loaded = true;
      setMap(instance);
      setStatus('ready');
    });
    instance.on('error', (event) => {
      // Before "load", an error (style or WebGL) means the map will never appear; after it,
      // errors are passing (a tile that failed) and the map carries on.
      if (loaded) {
        console.warn('Map error', event.error);
        return;
      }
      console.error('Map failed to load', event.error);
      setStatus(event.error instanceof GPUInitializationError ? 'unsupported' : 'failed');
    });

    return () => {
      markMapRemoved(instance);
      setMap(null);
      setStatus('loading');
      instance.remove();
    };
  }, []);

  return (
    <div className="map-frame">
      <div ref={containerRef} className="map-canvas" />
      {status === 'loading' && (
        <p className="map-status" role="status">
          {t('map.loading')}
        </p>
      )}
      {(status === 'unsupported' || status === 'failed') && (
        <p className="map-status map-status--error" role="alert">
          {t(status === 'unsupported' ? 'map.unavailable' : 'map.failed')}
        </p>
      )}
      <MapContext value={map}>{map && children}</MapContext>
    </div>
  );
}
