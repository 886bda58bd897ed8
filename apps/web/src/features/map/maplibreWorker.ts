import { setWorkerUrl } from 'maplibre-gl';
// Bundled, MapLibre cannot find its worker next to itself; Vite copies the file into the
// build and gives us its same-origin URL (allowed by the CSP's worker-src 'self').
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let configured = false;

/** Points MapLibre at its worker; must run before the first map is created. */
export function configureMaplibreWorker(): void {
  if (configured) return;
  setWorkerUrl(workerUrl);
  configured = true;
}
