import type { PaddingOptions } from 'maplibre-gl';

// The district list floats over the map's left edge (15rem + margins) and the zoom buttons
// over its right edge; areas fitted into view should not hide underneath them.
const listClearance = 280;
const controlsClearance = 64;
const margin = 32;

/** Padding for `fitBounds`, clearing the overlays when the map is wide enough to have room. */
export function fitPadding(container: HTMLElement): PaddingOptions {
  const wide = container.clientWidth >= 2 * listClearance + controlsClearance;
  return {
    top: margin,
    bottom: margin,
    left: wide ? listClearance : margin,
    right: wide ? controlsClearance : margin,
  };
}
